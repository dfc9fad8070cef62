// The alternatives at MUT + 1 (issue 16: at least five different sets per level from MUT to
// MUT + 1 where that many exist, each distinct and each sufficient). Brute force, bounded by
// cost, tells how many minimal sets the level above has; the solver must list five of them, or
// all when fewer exist. The instances are the smallest of each family where the solver listed
// fewer before (a seed and size search over bench/families.ts).

import { describe, expect, it } from 'vitest';
import { deepChain, layered, randomHorn, wideOr, type Instance } from '../../bench/families.ts';
import type { AttackGraph } from '../../src/engine/graph/graph.ts';
import { watchersOf } from '../../src/engine/tolerance/closure.ts';
import { defaultLimits, solveGoal } from '../../src/engine/tolerance/solve.ts';
import { costOf, minimalSetsUpTo, reachesFact } from './generatedGraphs';

/** Whether `set` reaches the goal and none with one of its mess-ups left out does. */
function minimalWayIn(graph: AttackGraph, goalKey: string, set: readonly number[]): boolean {
  const goal = graph.index.get(goalKey)!;
  return (
    reachesFact(graph, goal, set) &&
    set.every(
      (m) =>
        !reachesFact(
          graph,
          goal,
          set.filter((x) => x !== m),
        ),
    )
  );
}

/** The solver's sets at MUT + 1, checked distinct, minimal and sufficient apart from it. */
function listedAbove(instance: Instance): { mut: number; above: number[][] } {
  const { graph, goal } = instance;
  const { solution } = solveGoal(graph, goal, defaultLimits, watchersOf(graph));
  expect(solution.exact).toBe(true);
  const mut = solution.best!.cost;
  const all = [solution.best!, ...solution.alternatives];
  expect(new Set(all.map((s) => s.messUps.join(','))).size).toBe(all.length);
  for (const s of all) {
    expect(s.cost).toBe(costOf(graph, s.messUps));
    expect(minimalWayIn(graph, goal, s.messUps), s.messUps.join(',')).toBe(true);
  }
  return { mut, above: all.filter((s) => s.cost === mut + 1).map((s) => s.messUps) };
}

/** Brute force's count at MUT + 1 against the solver's: five listed, or all when fewer. */
function expectFiveAbove(instance: Instance): void {
  const { mut, above } = listedAbove(instance);
  const { graph, goal } = instance;
  const sets = minimalSetsUpTo(graph, graph.index.get(goal)!, mut + 1);
  expect(Math.min(...sets.map((s) => costOf(graph, s)))).toBe(mut);
  const exist = new Set(sets.filter((s) => costOf(graph, s) === mut + 1).map((s) => s.join(',')));
  for (const s of above) expect(exist.has(s.join(',')), s.join(',')).toBe(true);
  expect(above.length, `${exist.size} exist`).toBeGreaterThanOrEqual(Math.min(5, exist.size));
}

/** The larger instances take a second or two alone, several on a loaded machine. */
const slow = 60_000;

describe('five sets at MUT + 1 where five exist, by brute force', () => {
  it('layered defences of MUT 2, where the pairs at MUT fill the list (none above before)', () => {
    // 38 objects: 10 namespaces, 98 pairs at MUT, more than the witness pool; the level above
    // (three mess-ups) was never searched.
    expectFiveAbove(layered(38, 2));
  });

  it('a deep chain, wide OR and random Horn graphs at small sizes', () => {
    expectFiveAbove(deepChain(10, 3));
    // 13 ways: five at MUT + 1 (every even one not a multiple of five).
    expectFiveAbove(wideOr(39, 2));
    expectFiveAbove(randomHorn(10, 7));
    expectFiveAbove(layered(16, 3));
  });
});

describe('five sets at MUT + 1 where the samples ran out', () => {
  it('layered defences of 28 objects, MUT 6: every mess-up is in a set at MUT already', () => {
    // Four namespaces, one with a dearer front, one with a dearer back: 12 sets at MUT + 1 by
    // construction (the dearer front with any of six backs, any of three fronts with the
    // dearer back's two). Plans through unlisted mess-ups found 3, the loop's budget one more.
    // Too many subsets for brute force (30 mess-ups, sets of 7); each set is checked apart.
    const { mut, above } = listedAbove(layered(28, 6));
    expect(mut).toBe(6);
    expect(above.length).toBeGreaterThanOrEqual(5);
  });

  it(
    'a random Horn graph of 10,000 objects: plans avoiding one mess-up all came back at MUT',
    () => {
      // The smallest random Horn instance that showed it: sizes 20 to 2,000 (seeds 1 to 30 or
      // 40), 3,000 and 5,000 (seeds 1 to 12) listed five or all. None at MUT + 1 before.
      const { mut, above } = listedAbove(randomHorn(10_000, 1));
      expect(mut).toBe(4);
      expect(above.length).toBeGreaterThanOrEqual(5);
    },
    slow,
  );
});
