import { describe, expect, it } from 'vitest';
import type { Diagnostic, GoalResult } from '../../src/engine';
import { MarkerSeverity, markersFor } from '../../src/ui/editor/markers';

const goal: GoalResult = {
  goal: 'cluster-admin',
  title: 'cluster-admin',
  mut: 1,
  lowerBound: 1,
  exact: true,
  alternatives: [],
  alternativesTruncated: false,
  witness: {
    messUps: [
      {
        id: 'public',
        template: 'endpoint-made-public',
        title: 'Someone makes the API endpoint public again',
        category: 'misconfiguration',
        cost: 1,
        locations: [
          { file: 'kube-apiserver.yaml', line: 18, column: 9, endLine: 18, endColumn: 35 },
        ],
      },
    ],
    steps: [
      {
        technique: 'anonymous-authentication',
        title: 'Talk to the API server without credentials',
        from: 'the API server',
        to: 'user system:anonymous',
        fromFact: 'reach:api',
        toFact: 'as:user:system:anonymous',
        messUps: [],
        locations: [
          { file: 'kube-apiserver.yaml', line: 16, column: 9, endLine: 16, endColumn: 32 },
        ],
      },
      {
        technique: 'api-server-public-endpoint',
        title: 'Reach the API server from the Internet',
        from: 'the Internet',
        to: 'the API server',
        fromFact: 'at:internet',
        toFact: 'reach:api',
        messUps: ['public'],
        locations: [{ file: 'other.yaml', line: 3, column: 1 }],
      },
    ],
  },
};

const diagnostics: Diagnostic[] = [
  {
    severity: 'error',
    message: 'bad indentation of a mapping entry',
    file: 'kube-apiserver.yaml',
    line: 12,
    column: 3,
  },
  { severity: 'warning', message: 'unknown kind', file: 'other.yaml', line: 1, column: 1 },
];

describe('markersFor', () => {
  it('puts diagnostics, enabling steps and needed mess-ups on their lines, sorted', () => {
    expect(markersFor('kube-apiserver.yaml', diagnostics, [goal])).toEqual([
      {
        severity: MarkerSeverity.Error,
        message: 'bad indentation of a mapping entry',
        source: 'MUT Lab',
        startLineNumber: 12,
        startColumn: 3,
        endLineNumber: 12,
        endColumn: 1003,
      },
      {
        severity: MarkerSeverity.Warning,
        message: 'enables: Talk to the API server without credentials',
        source: 'MUT Lab attack path',
        startLineNumber: 16,
        startColumn: 9,
        endLineNumber: 16,
        endColumn: 32,
      },
      {
        severity: MarkerSeverity.Info,
        message:
          'the attacker needs this defence broken: Someone makes the API endpoint public again',
        source: 'MUT Lab attack path',
        startLineNumber: 18,
        startColumn: 9,
        endLineNumber: 18,
        endColumn: 35,
      },
    ]);
  });

  it('keeps other files out, marks steps that need a mess-up as info, and merges duplicates', () => {
    const markers = markersFor('other.yaml', [...diagnostics, ...diagnostics], [goal, goal]);
    expect(markers.map((m) => [m.severity, m.message])).toEqual([
      [MarkerSeverity.Warning, 'unknown kind'],
      [MarkerSeverity.Info, 'enables: Reach the API server from the Internet'],
    ]);
  });

  it('returns nothing without results', () => {
    expect(markersFor('a.yaml', [], [])).toEqual([]);
  });
});
