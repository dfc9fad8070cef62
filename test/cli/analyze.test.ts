// `mut analyze` on the worked example of docs/mut-model.md: MUT 0, 1, 2, 3.

import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures, mut, repo, type MutRun } from './runMut.ts';

interface Json {
  goals: {
    goal: string;
    title: string;
    mut: number | null;
    lowerBound: number | null;
    exact: boolean;
    witness: {
      messUps: { id: string; title: string; category: string; cost: number }[];
      steps: { technique: string; from: string; to: string; locations: unknown[] }[];
    } | null;
    alternatives: { messUps: { id: string }[]; cost: number }[];
  }[];
  findings: {
    object: string;
    technique?: string;
    check?: string;
    references: string[];
    location: unknown;
  }[];
  diagnostics: unknown[];
}

const stages = ['stage0', 'stage1', 'stage2', 'stage3'] as const;
const fromFolders = ['stage1', 'stage2', 'stage3'] as const;
const json: Record<string, Json> = {};
let human: MutRun;
let fromStdin: MutRun;
let restricted: MutRun;

beforeAll(async () => {
  // Stage 0 comes in on standard input, as one multi-document stream.
  const stage0 = [
    'kube-apiserver.yaml',
    'team-a.yaml',
    'threat-model.yaml',
    'unauthenticated-admin.yaml',
  ]
    .map((f) => readFileSync(join(repo, fixtures, 'stage0', f), 'utf8'))
    .join('---\n');
  const runs = await Promise.all([
    ...fromFolders.map((s) => mut(['analyze', `${fixtures}/${s}`, '--json'])),
    mut(['analyze', '-', '--json'], { input: stage0 }),
    mut(['analyze', `${fixtures}/stage1`]),
    mut([
      'analyze',
      `${fixtures}/stage3`,
      '--goal',
      'node-root',
      '--goal',
      'cluster-admin',
      '--from',
      'corporate-network',
      '--json',
    ]),
  ]);
  fromFolders.forEach((s, i) => {
    expect(runs[i]!.code, runs[i]!.stderr).toBe(0);
    json[s] = JSON.parse(runs[i]!.stdout) as Json;
  });
  [fromStdin, human, restricted] = runs.slice(fromFolders.length) as [MutRun, MutRun, MutRun];
  expect(fromStdin.code, fromStdin.stderr).toBe(0);
  json.stage0 = JSON.parse(fromStdin.stdout) as Json;
}, 180_000);

describe('mut analyze --json', () => {
  it('reproduces the worked example: MUT 0, 1, 2, 3', () => {
    expect(stages.map((s) => json[s]!.goals.map((g) => [g.goal, g.mut]))).toEqual([
      [['cluster-admin', 0]],
      [['cluster-admin', 1]],
      [['cluster-admin', 2]],
      [['cluster-admin', 3]],
    ]);
    for (const s of stages) {
      const goal = json[s]!.goals[0]!;
      expect(goal.exact).toBe(true);
      expect(goal.lowerBound).toBe(goal.mut);
    }
  });

  it('prints the documented shape', () => {
    const doc = json.stage1!;
    expect(Object.keys(doc).sort()).toEqual([
      'assumptions',
      'baseline',
      'diagnostics',
      'findings',
      'goals',
      'refused',
    ]);
    const goal = doc.goals[0]!;
    expect(goal).toMatchObject({ goal: 'cluster-admin', mut: 1, lowerBound: 1 });
    expect(goal.witness!.messUps).toHaveLength(1);
    for (const m of goal.witness!.messUps)
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['id', 'title', 'category', 'cost']));
    for (const step of goal.witness!.steps)
      expect(Object.keys(step)).toEqual(
        expect.arrayContaining(['technique', 'from', 'to', 'locations']),
      );
    expect(goal.witness!.steps[0]).toMatchObject({
      technique: 'api-server-public-endpoint',
      from: 'the Internet',
      to: 'the API server',
      locations: [{ file: `${fixtures}/stage1/kube-apiserver.yaml`, line: 18 }],
    });
    for (const a of goal.alternatives) {
      expect(typeof a.cost).toBe('number');
      expect(a.messUps.length).toBeGreaterThan(0);
    }
    for (const f of doc.findings) {
      expect(f.technique ?? f.check).toBeTypeOf('string');
      expect(Array.isArray(f.references)).toBe(true);
      expect(f.location).toMatchObject({ file: expect.any(String), line: expect.any(Number) });
    }
    expect(doc.diagnostics).toEqual([]);
  });

  it('names the cheapest mess-ups of stage 1: a binding for the anonymous user or group', () => {
    const goal = json.stage1!.goals[0]!;
    const cost1 = [
      goal.witness!.messUps,
      ...goal.alternatives.filter((a) => a.cost === 1).map((a) => a.messUps),
    ];
    expect(cost1.map((set) => set.map((m) => m.id)).sort()).toEqual([
      ['bind-cluster-admin:group:system:unauthenticated'],
      ['bind-cluster-admin:user:system:anonymous'],
    ]);
    expect(goal.witness!.messUps[0]).toMatchObject({ category: 'misconfiguration', cost: 1 });
  });

  it('needs a leak, an over-grant and a way to the private endpoint in stage 3', () => {
    const goal = json.stage3!.goals[0]!;
    const sets = [goal.witness!.messUps, ...goal.alternatives.map((a) => a.messUps)].map((set) =>
      set.map((m) => m.id).sort(),
    );
    expect(sets).toContainEqual([
      'bind-cluster-admin:group:developers',
      'credential-leak:alice-kubeconfig',
      'remote-access-compromised:corporate VPN',
    ]);
  });

  it('gives an empty witness when the goal is reachable today (stage 0)', () => {
    const goal = json.stage0!.goals[0]!;
    expect(goal.witness!.messUps).toEqual([]);
    expect(goal.witness!.steps.map((s) => s.technique)).toContain('anonymous-authentication');
  });

  it('reads standard input as one file named <stdin>', () => {
    const steps = json.stage0!.goals[0]!.witness!.steps;
    expect(steps[0]!.locations).toContainEqual(expect.objectContaining({ file: '<stdin>' }));
  });

  it('takes --goal (repeated, in order) and --from', () => {
    expect(restricted.code, restricted.stderr).toBe(0);
    const doc = JSON.parse(restricted.stdout) as Json;
    expect(doc.goals.map((g) => g.goal)).toEqual(['node-root', 'cluster-admin']);
    // Inside the corporate network the private endpoint is in reach: the VPN is no longer
    // one of the mistakes, so stage 3 drops from 3 to a leak and an over-grant.
    expect(doc.goals.map((g) => g.mut)).toEqual([2, 2]);
    expect(doc.goals[1]!.witness!.steps[0]).toMatchObject({ from: 'the corporate network' });
  });
});

describe('mut analyze (for a reader)', () => {
  it('explains the number, the mess-ups and the steps', () => {
    expect(human.code, human.stderr).toBe(0);
    const lines = human.stdout.split('\n').map((l) => l.trim());
    expect(lines[0]).toBe(
      'Baseline: kubeadm (a kubeadm cluster with upstream defaults; --baseline to change)',
    );
    expect(lines[2]).toBe('MUT for full control of the cluster (cluster-admin): 1');
    expect(lines).toContain('(exact: no cheaper set exists)');
    // Either cost-1 binding is a witness; the other is listed among the alternatives.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^1\. Someone binds cluster-admin to (user system:anonymous|group system:unauthenticated) \(misconfiguration\)$/,
      ),
    );
    expect(lines).toContain(
      `1. [api-server-public-endpoint] the Internet → the API server (${fixtures}/stage1/kube-apiserver.yaml:18)`,
    );
    expect(lines).toContain('cost 1:');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^- Someone binds cluster-admin to (user|group) system:\w+ \(misconfiguration\)$/,
      ),
    );
    expect(lines).toContain('cost 2:');
    expect(lines).toContain("+ alice-kubeconfig leaks (kept on alice's laptop) (leak)");
    expect(lines).toContainEqual(expect.stringMatching(/^Findings \(\d+\):$/));
    expect(human.stdout).toContain('[anonymous-authentication]');
    expect(human.stdout).not.toContain('\u001b[');
  });
});
