// The authorizer keeps what never changes from one analysis to the next (graph/knownRequests.ts:
// each request's key and facts, and the bootstrap policy's answer for it; the facts of each
// binding's subjects). These tests pin down that nothing kept shows through: analyses of
// different inputs, one after the other in one process, answer as each does in a fresh one.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisResult, InputFile } from '../../src/engine/index.ts';
import { generateCluster } from '../../bench/synthetic.ts';

type Analyze = (files: readonly InputFile[]) => AnalysisResult;

/** `analyze` of a new copy of the engine's modules: nothing kept from earlier analyses. */
async function freshAnalyze(): Promise<Analyze> {
  vi.resetModules();
  return (await import('../../src/engine/index.ts')).analyze;
}

const withoutTimes = ({ stats, ...rest }: AnalysisResult) => {
  const { parseMs: _p, modelMs: _m, graphMs: _g, solveMs: _s, ...counts } = stats;
  return { ...rest, stats: counts };
};

const cluster = generateCluster(80, 3);
/** The same cluster, the bootstrap policy left out: the same requests, other answers. */
const withoutBootstrap = cluster.map((f) => ({
  ...f,
  text: f.text.replace('kind: ThreatModel\nmetadata:\n  name: cluster\nspec:\n', (head) =>
    head.concat('  bootstrapPolicy: false\n'),
  ),
}));
/**
 * The same cluster with the built-in `edit` ClusterRole replaced by one that creates pods and
 * reads Secrets, bound to a team's user: the bootstrap policy is then resolved with the input.
 */
const replacedBuiltin: InputFile[] = [
  ...cluster,
  {
    path: 'edit.yaml',
    text: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: edit
rules:
  - apiGroups: [""]
    resources: [pods, secrets]
    verbs: [create, get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: edit
  namespace: team-1
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
  - kind: User
    name: dev-2
`,
  },
];
/** A team's binding names another subject: the same binding id, other subjects. */
const otherSubjects = cluster.map((f) => ({
  ...f,
  text: f.text.replaceAll(
    '    name: dev-1\n',
    '    name: dev-1\n  - kind: Group\n    name: system:authenticated\n',
  ),
}));
const workedExample = (() => {
  const dir = 'scenarios/01-worked-example/cluster';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
})();

const inputs: [string, InputFile[]][] = [
  ['a synthetic cluster', cluster],
  ['it without the bootstrap policy', withoutBootstrap],
  ['it with a built-in role replaced', replacedBuiltin],
  ['it with a binding naming other subjects', otherSubjects],
  ['the worked example', workedExample],
];

describe('what the authorizer keeps across analyses', () => {
  afterEach(() => vi.resetModules());

  it('the inputs differ in their answers', async () => {
    const analyze = await freshAnalyze();
    const results = inputs.map(([, files]) => JSON.stringify(withoutTimes(analyze(files))));
    expect(new Set(results).size).toBe(inputs.length);
  });

  it('gives each input, analysed after the others, the answer of a fresh engine', async () => {
    const expected: unknown[] = [];
    for (const [, files] of inputs) expected.push(withoutTimes((await freshAnalyze())(files)));
    const analyze = await freshAnalyze();
    // Twice round, in both orders: each input follows every other one at least once.
    const order = [...inputs.keys(), ...[...inputs.keys()].reverse()];
    for (const i of order)
      expect(withoutTimes(analyze(inputs[i]![1])), inputs[i]![0]).toEqual(expected[i]);
  });
});
