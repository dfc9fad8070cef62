// Fake scenarios and analysis results for the machine tests: no engine, no worker.
import type { AnalysisResult, InputFile } from '../../src/engine';
import type { Scenario } from '../../src/scenarios';

/** A result whose MUT is whatever `mut=N` says in the first file (`mut=none`: unreachable). */
export function fakeResult(files: InputFile[]): AnalysisResult {
  const text = files.map((f) => f.text).join('\n');
  const broken = /BROKEN/.test(text);
  const match = /mut=(\d+|none)/.exec(text);
  const mut = !match || match[1] === 'none' ? null : Number(match[1]);
  const messUps = Array.from({ length: mut ?? 0 }, (_v, i) => ({
    id: `m${i + 1}`,
    template: 't',
    title: `Mess-up ${i + 1} happens`,
    category: 'misconfiguration' as const,
    cost: 1,
    locations: [{ file: 'a.yaml', line: i + 1, column: 1 }],
  }));
  return {
    baseline: { id: 'kubeadm', title: 'a kubeadm cluster with upstream defaults' },
    goals: [
      {
        goal: 'cluster-admin',
        title: 'cluster-admin',
        mut,
        lowerBound: mut ?? 0,
        exact: true,
        witness:
          mut === null
            ? null
            : {
                messUps,
                steps: [
                  {
                    technique: mut === 1 ? 'anonymous' : 'leak',
                    title: mut === 1 ? 'Talk without credentials' : 'Use a leaked kubeconfig',
                    from: 'the Internet',
                    to: 'the API server',
                    fromFact: 'at:internet',
                    toFact: 'reach:api',
                    messUps: [],
                    locations: [],
                  },
                  {
                    technique: 'rbac',
                    title: 'Use RBAC rights',
                    from: 'the API server',
                    to: 'the goal',
                    fromFact: 'reach:api',
                    toFact: 'goal:cluster-admin',
                    messUps: messUps.map((m) => m.id),
                    locations: [],
                  },
                ],
              },
        alternatives: [],
        alternativesTruncated: false,
      },
    ],
    findings: [],
    refused: [],
    diagnostics: broken
      ? [{ severity: 'error', message: 'bad indentation', file: 'a.yaml', line: 2, column: 1 }]
      : [],
    stats: {
      objects: 1,
      facts: 1,
      rules: 1,
      messUps: 1,
      parseMs: 0,
      modelMs: 0,
      graphMs: 0,
      solveMs: 0,
    },
  };
}

const file = (text: string): InputFile[] => [
  { path: 'a.yaml', text },
  { path: 'b.yaml', text: 'kind: ReadOnly' },
];

export const twoStages: Scenario = {
  folder: '01-test',
  id: 'test',
  title: 'Test scenario',
  summary: 'A scenario for tests',
  audience: 'tests',
  difficulty: 'easy',
  minutes: 5,
  objectives: [],
  start: 'internet',
  goals: ['cluster-admin'],
  references: [],
  debrief: 'Well done',
  stages: [
    {
      index: 0,
      id: 'one',
      title: 'Stage one',
      brief: 'Raise it to 2',
      startMut: 1,
      target: { atLeast: 2 },
      hints: ['first hint', 'second hint'],
      editable: ['a.yaml'],
      startFiles: file('mut=1'),
      solutionFiles: file('mut=2'),
    },
    {
      index: 1,
      id: 'two',
      title: 'Stage two',
      brief: 'Raise it to 3',
      startMut: 2,
      target: { atLeast: 3 },
      hints: [],
      editable: ['a.yaml'],
      startFiles: file('mut=2'),
      solutionFiles: file('mut=3'),
    },
  ],
};
