// The solver on the generated families of bench/families.ts: each proves the MUT it was
// built with, brute force agrees at small sizes, and on random Horn graphs the answer is
// optimal, its alternatives sufficient and minimal, its output deterministic, and with the
// budget forced low the interval [lower bound, best found] still holds the true MUT.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deepChain,
  layered,
  layeredManifests,
  randomHorn,
  singles,
  wideOr,
  type Instance,
} from '../../bench/families.ts';
import type { AttackGraph } from '../../src/engine/graph/graph.ts';
import { analyze, ground } from '../../src/engine/index.ts';
import { watchersOf } from '../../src/engine/tolerance/closure.ts';
import { defaultLimits, limitsFor, solveGoal } from '../../src/engine/tolerance/solve.ts';
import { witness } from '../../src/engine/tolerance/witness.ts';
import { reachesFact } from './generatedGraphs';

/** Whether `messUps` reach `goal` (a fact key), by forward chaining apart from the engine. */
function reaches(graph: AttackGraph, goal: string, messUps: readonly number[]): boolean {
  const g = graph.index.get(goal);
  return g !== undefined && reachesFact(graph, g, messUps);
}

/** Whether `set` reaches `goal` and no set with one of its mess-ups left out does. */
function minimalWayIn(graph: AttackGraph, goal: string, set: readonly number[]): boolean {
  return (
    reaches(graph, goal, set) &&
    set.every(
      (m) =>
        !reaches(
          graph,
          goal,
          set.filter((x) => x !== m),
        ),
    )
  );
}

/** The larger instances take a second or two alone, several on a loaded machine. */
const slow = 60_000;

const costOf = (graph: AttackGraph, set: readonly number[]) =>
  set.reduce((s, m) => s + graph.messUps[m]!.cost, 0);

/** Every minimal set of mess-ups that reaches the goal, by brute force over all subsets. */
function minimalSets(graph: AttackGraph, goal: string): number[][] {
  const n = graph.messUps.length;
  expect(n).toBeLessThanOrEqual(16);
  const reaching: number[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const set: number[] = [];
    for (let m = 0; m < n; m++) if (mask & (1 << m)) set.push(m);
    if (reaches(graph, goal, set)) reaching.push(mask);
  }
  const isReaching = new Set(reaching);
  return reaching
    .filter((mask) => {
      for (let m = 0; m < n; m++)
        if (mask & (1 << m) && isReaching.has(mask & ~(1 << m))) return false;
      return true;
    })
    .map((mask) => Array.from({ length: n }, (_, m) => m).filter((m) => mask & (1 << m)));
}

function solve(instance: Instance, limits = defaultLimits) {
  const { graph, goal } = instance;
  return solveGoal(graph, goal, limits, watchersOf(graph));
}

describe('each family proves the MUT it was built with', () => {
  it(
    'layered defences, MUT 3 to 10, from a few namespaces to a thousand objects',
    () => {
      for (const objects of [10, 100, 1000])
        for (const mut of [3, 5, 7, 10]) {
          const { solution } = solve(layered(objects, mut));
          expect(solution.exact).toBe(true);
          expect(solution.best?.cost).toBe(mut);
          expect(solution.lowerBound).toBe(mut);
        }
    },
    slow,
  );

  it('a deep chain and wide OR, MUT 3 to 10', () => {
    for (const objects of [10, 200])
      for (const mut of [3, 10]) {
        for (const instance of [deepChain(objects, mut), wideOr(objects, mut)]) {
          const { solution } = solve(instance);
          expect(solution.exact).toBe(true);
          expect(solution.best?.cost).toBe(mut);
        }
      }
  });

  it('brute force agrees with the construction at small sizes', () => {
    for (const instance of [layered(10, 3), layered(12, 4), deepChain(8, 3), wideOr(10, 3)]) {
      const sets = minimalSets(instance.graph, instance.goal);
      const least = Math.min(...sets.map((s) => costOf(instance.graph, s)));
      expect(least).toBe(instance.mut);
    }
  });

  it(
    'layered manifests of 900 objects: MUT 3 proved, where the search used to stop at a lower bound of 2',
    () => {
      const result = analyze(layeredManifests(900), { findings: false });
      const goal = result.goals[0]!;
      expect(goal.mut).toBe(3);
      expect(goal.exact).toBe(true);
      expect(goal.lowerBound).toBe(3);
    },
    slow,
  );

  it(
    'a plan forced through a mess-up is a plan: it reaches the goal (layered manifests, 100 objects)',
    () => {
      // The alternatives' sample forces the relaxed plan through each unlisted mess-up. Its
      // facts cost a hair less than nothing, and a settled fact once took a cheaper rule that
      // needed it again: the plan read back lost its other mess-ups (Pod Security relaxed
      // alone, which reaches nothing).
      const { graph, watchers } = ground(layeredManifests(100));
      const { problem } = solveGoal(graph, 'goal:cluster-admin', defaultLimits, watchers);
      expect(problem).toBeDefined();
      expect(problem!.candidates.length).toBeGreaterThan(0);
      for (const m of problem!.candidates) {
        const plan = problem!.planThrough(m);
        expect(problem!.reaches(plan), graph.messUps[m]!.id).toBe(true);
      }
    },
    slow,
  );

  it(
    'lists sets at MUT + 1 on layered manifests, where the level at MUT has two (100 and 1,000 objects)',
    () => {
      // The hitting-set loop met none in its rounds (it refutes many cheap sets at MUT + 1
      // before it meets one that reaches); the plans through each unlisted mess-up find the
      // way in through each namespace's workload.
      for (const objects of [100, 1000]) {
        const { graph, watchers } = ground(layeredManifests(objects));
        const goal = 'goal:cluster-admin';
        const { solution } = solveGoal(graph, goal, defaultLimits, watchers);
        expect(solution.exact).toBe(true);
        const all = [solution.best!, ...solution.alternatives];
        expect(all.filter((s) => s.cost === 3)).toHaveLength(2);
        const above = all.filter((s) => s.cost === 4);
        expect(above.length, `${objects} objects`).toBeGreaterThanOrEqual(5);
        expect(new Set(all.map((s) => s.messUps.join(','))).size).toBe(all.length);
        for (const s of above) {
          expect(minimalWayIn(graph, goal, s.messUps)).toBe(true);
        }
      }
    },
    slow,
  );

  it(
    'lists 19 sets at MUT + 1 on layered manifests of 10,000 objects, the room the list shows',
    () => {
      // The loop lists the level at MUT whole there (two sets, its second core a round), so
      // the sampling kept a quarter of the budget back for the loop at MUT + 1, whose rounds
      // cost 66,000 to 157,000 facts each: 10 sets sampled, then the loop out of budget.
      const { graph, watchers } = ground(layeredManifests(10_000));
      const goal = 'goal:cluster-admin';
      const { solution } = solveGoal(graph, goal, defaultLimits, watchers);
      expect(solution.exact).toBe(true);
      const all = [solution.best!, ...solution.alternatives];
      expect(all.filter((s) => s.cost === 3)).toHaveLength(2);
      expect(all.filter((s) => s.cost === 4)).toHaveLength(19);
      expect(new Set(all.map((s) => s.messUps.join(','))).size).toBe(all.length);
    },
    slow,
  );

  it(
    'lists five sets at MUT on a random Horn graph of 10,000 objects, where plans through a mess-up cost too much',
    () => {
      // Relaxed plans through each unlisted mess-up cost 6 to 10 there (MUT 4): the plans that
      // avoid one mess-up of a listed set find the others at MUT.
      const { graph, goal } = randomHorn(10_000, 1);
      const { solution } = solveGoal(graph, goal, defaultLimits);
      expect(solution.exact).toBe(true);
      const all = [solution.best!, ...solution.alternatives];
      const atMut = all.filter((s) => s.cost === solution.best!.cost);
      expect(atMut.length).toBeGreaterThanOrEqual(5);
      expect(new Set(all.map((s) => s.messUps.join(','))).size).toBe(all.length);
      for (const s of all) {
        expect(minimalWayIn(graph, goal, s.messUps)).toBe(true);
      }
    },
    slow,
  );

  it(
    'lists at least five sets at MUT and five at MUT + 1 on a layered family of 1,000 objects',
    () => {
      const { graph, goal } = layered(1000, 7);
      const { solution } = solve({ graph, goal, family: '', objects: 0, mut: 7 });
      const all = [solution.best!, ...solution.alternatives];
      expect(all.filter((s) => s.cost === 7).length).toBeGreaterThanOrEqual(5);
      expect(all.filter((s) => s.cost === 8).length).toBeGreaterThanOrEqual(5);
      const keys = new Set(all.map((s) => s.messUps.join(',')));
      expect(keys.size).toBe(all.length);
      for (const s of all) {
        expect(minimalWayIn(graph, goal, s.messUps)).toBe(true);
      }
    },
    slow,
  );
});

/** Small random Horn instances: at most 16 mess-ups, so brute force can check them. */
const smallHorn = fc
  .record({ objects: fc.integer({ min: 6, max: 14 }), seed: fc.integer({ min: 1, max: 1e6 }) })
  .map(({ objects, seed }) => randomHorn(objects, seed))
  .filter((i) => i.graph.messUps.length <= 16);

describe('random Horn graphs against brute force', () => {
  it(
    'the MUT is optimal and proved, the witness reaches the goal and derives its steps',
    () => {
      fc.assert(
        fc.property(smallHorn, (instance) => {
          const { graph, goal } = instance;
          const sets = minimalSets(graph, goal);
          const { problem, solution } = solve(instance);
          if (sets.length === 0) {
            expect(solution.best).toBeNull();
            return;
          }
          const least = Math.min(...sets.map((s) => costOf(graph, s)));
          expect(solution.exact).toBe(true);
          expect(solution.best!.cost).toBe(least);
          expect(reaches(graph, goal, solution.best!.messUps)).toBe(true);
          const view = witness(graph, problem!, solution.best!);
          expect(view.messUps.map((m) => m.id)).toEqual(
            solution.best!.messUps.map((m) => graph.messUps[m]!.id),
          );
        }),
        { numRuns: 60 },
      );
    },
    slow,
  );

  it(
    'every alternative is distinct, minimal and sufficient; uncut, the list is every one up to MUT + 1',
    () => {
      fc.assert(
        fc.property(smallHorn, (instance) => {
          const { graph, goal } = instance;
          const { solution } = solve(instance);
          if (!solution.best) return;
          const mut = solution.best.cost;
          const all = [solution.best, ...solution.alternatives];
          expect(new Set(all.map((s) => s.messUps.join(','))).size).toBe(all.length);
          for (const s of solution.alternatives) {
            expect(s.cost).toBeLessThanOrEqual(mut + 1);
            expect(minimalWayIn(graph, goal, s.messUps)).toBe(true);
          }
          if (solution.alternativesTruncated) return;
          const expected = minimalSets(graph, goal)
            .filter((s) => costOf(graph, s) <= mut + 1)
            .map((s) => s.join(','))
            .sort();
          expect(all.map((s) => s.messUps.join(',')).sort()).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    },
    slow,
  );

  it(
    'the same instance, built again, gives the same MUT, bound, witness and alternatives',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
          const a = solve(randomHorn(60, seed)).solution;
          const b = solve(randomHorn(60, seed)).solution;
          expect(b).toEqual(a);
        }),
        { numRuns: 20 },
      );
    },
    slow,
  );

  it(
    'with the budget forced low, lower bound ≤ MUT ≤ best found, and the best found reaches the goal',
    () => {
      fc.assert(
        fc.property(smallHorn, fc.constantFrom(0.0001, 0.001, 0.01), (instance, effort) => {
          const { graph, goal } = instance;
          const sets = minimalSets(graph, goal);
          const { solution } = solve(instance, limitsFor(effort));
          if (sets.length === 0) return;
          const least = Math.min(...sets.map((s) => costOf(graph, s)));
          expect(solution.lowerBound).toBeLessThanOrEqual(least);
          expect(solution.best!.cost).toBeGreaterThanOrEqual(least);
          expect(reaches(graph, goal, solution.best!.messUps)).toBe(true);
          if (solution.exact) expect(solution.best!.cost).toBe(least);
          // Not proved: the alternatives were not searched, and the list says so.
          else expect(solution.alternativesTruncated).toBe(true);
        }),
        { numRuns: 60 },
      );
    },
    slow,
  );

  it(
    'random Horn graphs of 1,000 objects are proved (the hitting-set loop left 3–4 and 3–5)',
    () => {
      for (const [seed, mut] of [
        [1, 4],
        [2, 5],
      ] as const) {
        const instance = randomHorn(1000, seed);
        const { solution } = solve(instance);
        expect(solution.exact).toBe(true);
        expect(solution.lowerBound).toBe(mut);
        expect(solution.best!.cost).toBe(mut);
        expect(reaches(instance.graph, instance.goal, solution.best!.messUps)).toBe(true);
      }
    },
    slow,
  );

  it(
    'a budget too small to finish on a larger graph leaves an honest interval',
    () => {
      const instance = randomHorn(1000, 2);
      const { solution } = solve(instance, limitsFor(0.0001));
      expect(solution.exact).toBe(false);
      expect(solution.lowerBound).toBeLessThan(solution.best!.cost);
      expect(reaches(instance.graph, instance.goal, solution.best!.messUps)).toBe(true);
      expect(solution.alternatives).toEqual([]);
      expect(solution.alternativesTruncated).toBe(true);
    },
    slow,
  );
});

describe('the witness of a large level at MUT', () => {
  const witnessOf = (ways: number, short: number) => {
    const instance = singles(ways, short);
    const { solution } = solve(instance);
    return solution.best?.messUps.map((m) => instance.graph.messUps[m]!.id) ?? null;
  };

  it('is the shortest attack of the level when the level fits the witness pool', () => {
    // Thirty single mess-ups: all ranked, the one-step way in wins over the three-step ones.
    expect(witnessOf(30, 29)).toEqual(['way-29']);
  });

  it('is ranked over the level’s first sets in id order only when it is larger than the pool', () => {
    // A hundred: more than the pool of 80 (four times the cap of 20) on a graph this small. A
    // cluster dump has hundreds of single mess-ups at MUT, and ranking each cost a proof: most
    // of its search, growing as the square of its size. The choice stays canonical (by ids);
    // the one-step way in beyond the first eighty is not ranked.
    expect(witnessOf(100, 99)).toEqual(['way-00']);
    expect(witnessOf(100, 7)).toEqual(['way-07']);
  });
});
