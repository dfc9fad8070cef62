import { describe, expect, it } from 'vitest';
import type { GoalResult } from '../../src/engine';
import { goalLines } from '../../src/cli/formatAnalysis';
import { styleFor } from '../../src/cli/style';

const goal = (over: Partial<GoalResult>): GoalResult => ({
  goal: 'cluster-admin',
  title: 'cluster-admin',
  mut: 5,
  lowerBound: 4,
  exact: false,
  witness: null,
  alternatives: [],
  alternativesTruncated: true,
  ...over,
});

describe('the text output says when the list of other ways is not complete', () => {
  it('an unproved MUT says its alternatives were not searched, never "no other way"', () => {
    const lines = goalLines(goal({}), styleFor(false));
    expect(lines).toContain('  Other ways in: not searched (the MUT is not proved)');
  });

  it('a proved MUT with an empty list that was cut says the search stopped', () => {
    const lines = goalLines(goal({ exact: true, lowerBound: 5 }), styleFor(false));
    expect(lines).toContain('  Other ways in: none listed (the search for them stopped early)');
  });

  it('a complete empty list says nothing more', () => {
    const lines = goalLines(
      goal({ exact: true, lowerBound: 5, alternativesTruncated: false }),
      styleFor(false),
    );
    expect(lines.join('\n')).not.toMatch(/Other ways in/);
  });
});
