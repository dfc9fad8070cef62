import { describe, expect, it } from 'vitest';
import { explainChange, goalFor } from '../../src/machines/explain';
import { fakeResult } from './fixtures';

const at = (mut: number | 'none') => fakeResult([{ path: 'a.yaml', text: `mut=${mut}` }]);

describe('explainChange', () => {
  it('names the door that closed and the mistakes now needed, from the results alone', () => {
    const text = explainChange(at(1), at(2), { atLeast: 2 });
    expect(text).toBe(
      'Closed: “Talk without credentials”; the cheapest way in now needs 2 mistakes at once: mess-up 1 happens and mess-up 2 happens.',
    );
  });

  it('says when a defence was lost', () => {
    expect(explainChange(at(3), at(2), { atLeast: 2 })).toMatch(
      /^A defence was lost; .* 2 mistakes/,
    );
  });

  it('describes the first analysis and an unreachable goal', () => {
    expect(explainChange(null, at(1), { atLeast: 2 })).toMatch(
      /^The cheapest way in now needs 1 mistake at once/,
    );
    expect(explainChange(at(2), at('none'), { atLeast: 2 })).toMatch(/any more/);
  });

  it('picks the goal with the lowest MUT unless the target names one', () => {
    expect(goalFor(at(2), { atLeast: 1 })?.mut).toBe(2);
    expect(goalFor(at(2), { atLeast: 1, goal: 'node-root' })).toBeNull();
  });
});
