// The witness is read step by step (the transcript, the map's edges, the attacker's walk):
// every step starts from where the attacker stands at the start or from what an earlier step
// reached. The API server's own inferences (a token's service account is an authenticated
// identity, full rights cluster-wide hold in each namespace) are steps too; left out, the
// capstone's map drew "any signed-in user" with no way into it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ground, runToEnd, solveGrounded, type InputFile } from '../../src/engine/index.ts';
import { loadScenario } from '../../src/scenarios';
import { listScenarioFolders, readScenarioFolder } from '../../src/scenarios/node';
import { linkSteps } from '../../src/engine/tolerance/linkSteps';
import { clusterArbitrary, clusterFiles } from './randomCluster';
import { apiServerPod } from './staticPods';

type Options = Parameters<typeof ground>[1];

/** Each step that starts from something neither held at the start nor reached before it. */
function strandedSteps(files: readonly InputFile[], options: Options = {}): string[] {
  const grounded = ground(files, options);
  const result = runToEnd(solveGrounded(grounded, {}));
  const atStart = new Set(grounded.graph.initial.map((f) => grounded.graph.facts[f]!));
  const stranded: string[] = [];
  for (const goal of result.goals) {
    const reached = new Set(atStart);
    for (const step of goal.witness?.steps ?? []) {
      if (step.fromFact !== '' && !reached.has(step.fromFact))
        stranded.push(`${goal.goal}: ${step.technique} from ${step.fromFact}`);
      reached.add(step.toFact);
    }
  }
  return stranded;
}

const leakedToken = (authorization: string) => [
  {
    path: 'cluster.yaml',
    text: `${apiServerPod(['--anonymous-auth=false', `--authorization-mode=${authorization}`])}---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: deployer
  namespace: web
---
apiVersion: v1
kind: Secret
metadata:
  name: deployer-token
  namespace: web
  annotations:
    kubernetes.io/service-account.name: deployer
type: kubernetes.io/service-account-token
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  goals:
    - cluster-admin
  costs:
    # Already leaked: cost 0.
    credential-leak:web/deployer-token: 0
`,
  },
];

describe('the witness as a path', () => {
  it('goes from a leaked token to AlwaysAllow through "an authenticated identity"', () => {
    const grounded = ground(leakedToken('AlwaysAllow'));
    const result = runToEnd(solveGrounded(grounded, {}));
    const admin = result.goals.find((g) => g.goal === 'cluster-admin')!;
    expect(admin.mut).toBe(0);
    const steps = admin.witness!.steps.map((s) => `${s.technique}: ${s.fromFact} → ${s.toFact}`);
    expect(steps).toContain('authenticated-identity: as:sa:web:deployer → as:*');
    expect(strandedSteps(leakedToken('AlwaysAllow'))).toEqual([]);
  });

  it('names each link step by its kind, with a title a learner reads', () => {
    const grounded = ground(leakedToken('AlwaysAllow'));
    const result = runToEnd(solveGrounded(grounded, {}));
    const link = result.goals[0]!.witness!.steps.find((s) => s.toFact === 'as:*')!;
    expect(link.title).toBe('Count as an authenticated identity');
    expect(link.from).toBe('the identity service account web/deployer');
    for (const kind of linkSteps) expect(kind.title).not.toMatch(/^[a-z-]+$/);
  });

  describe.each(listScenarioFolders('scenarios'))('%s', (dir) => {
    const { scenario } = loadScenario(dir, readScenarioFolder(dir));
    const options = { goals: scenario!.goals, start: scenario!.start };
    it(
      'has no step from something the attack never reached, at any stage',
      { timeout: 60_000 },
      () => {
        for (const stage of scenario!.stages) {
          expect(strandedSteps(stage.startFiles, options), `${stage.id} at the start`).toEqual([]);
          expect(strandedSteps(stage.solutionFiles, options), `${stage.id} solved`).toEqual([]);
        }
      },
    );
  });

  it('holds on random clusters', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        expect(strandedSteps(clusterFiles(cluster))).toEqual([]);
      }),
      { numRuns: 60, seed: 17 },
    );
  });
});
