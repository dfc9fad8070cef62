// The exact search along chains of rules (tolerance/pathSearch.ts) against brute force, on
// random graphs with what the benchmark's random Horn graphs lack: cycles of rules, a
// condition with several providers, mess-ups providing several facts (conditions and
// capabilities), capabilities a mess-up gives outright, rules that cost nothing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomHorn } from '../../bench/families.ts';
import { named } from '../../src/engine/graph/facts.ts';
import { GraphBuilder, type AttackGraph } from '../../src/engine/graph/graph.ts';
import { watchersOf } from '../../src/engine/tolerance/closure.ts';
import {
  defaultLimits,
  GoalProblem,
  runToEnd,
  solveGoal,
} from '../../src/engine/tolerance/solve.ts';
import { generatedMessUp, reachesFact } from './generatedGraphs';

interface Chains {
  caps: number;
  conditions: number;
  present: boolean[];
  /** Head (-1: the goal, else a capability 1..caps-1), the capability needed (-1: none), conditions. */
  rules: { head: number; cap: number; conds: number[] }[];
  /** Provided facts: [0, c] a condition, [1, k] a capability. */
  messUps: { cost: number; provides: [0 | 1, number][] }[];
}

const chains: fc.Arbitrary<Chains> = fc
  .record({ caps: fc.integer({ min: 2, max: 6 }), conditions: fc.integer({ min: 2, max: 8 }) })
  .chain(({ caps, conditions }) =>
    fc.record({
      caps: fc.constant(caps),
      conditions: fc.constant(conditions),
      present: fc.array(fc.boolean(), { minLength: conditions, maxLength: conditions }),
      rules: fc.array(
        fc.record({
          head: fc.integer({ min: -1, max: caps - 1 }).map((h) => (h === 0 ? -1 : h)),
          cap: fc.integer({ min: -1, max: caps - 1 }),
          conds: fc.uniqueArray(fc.integer({ min: 0, max: conditions - 1 }), { maxLength: 3 }),
        }),
        { minLength: 1, maxLength: 14 },
      ),
      messUps: fc.array(
        fc.record({
          cost: fc.integer({ min: 1, max: 3 }),
          provides: fc.array(
            fc.oneof(
              { weight: 4, arbitrary: fc.tuple(fc.constant(0 as const), fc.nat(conditions - 1)) },
              { weight: 1, arbitrary: fc.tuple(fc.constant(1 as const), fc.nat(caps - 1)) },
            ),
            { minLength: 1, maxLength: 2 },
          ),
        }),
        { minLength: 1, maxLength: 12 },
      ),
    }),
  );

const factKey = ([kind, i]: [0 | 1, number]) => (kind === 0 ? `c:${i}` : `cap:${i}`);

function build(spec: Chains): AttackGraph {
  const b = new GraphBuilder();
  b.start(named('cap:0'));
  spec.present.forEach((p, c) => b.condition(named(`c:${c}`), p));
  for (const r of spec.rules) {
    const body = [...(r.cap >= 0 ? [`cap:${r.cap}`] : []), ...r.conds.map((c) => `c:${c}`)];
    b.rule('test-step', body.map(named), named(r.head < 0 ? 'goal' : `cap:${r.head}`));
  }
  spec.messUps.forEach((m, i) =>
    b.messUp(`m-${i}`, generatedMessUp, `m-${i}`, m.cost, m.provides.map(factKey).map(named), []),
  );
  return b.build();
}

/** The least cost of a set of mess-ups reaching the goal, by brute force (Infinity: none). */
function leastCost(graph: AttackGraph, goal: number): number {
  const n = graph.messUps.length;
  let least = Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    const set: number[] = [];
    let cost = 0;
    for (let m = 0; m < n; m++)
      if (mask & (1 << m)) {
        set.push(m);
        cost += graph.messUps[m]!.cost;
      }
    if (cost < least && reachesFact(graph, goal, set)) least = cost;
  }
  return least;
}

/** Every minimal set of mess-ups reaching the goal, by brute force. */
function minimalSets(graph: AttackGraph, goal: number): number[][] {
  const n = graph.messUps.length;
  const reaching = new Set<number>();
  for (let mask = 0; mask < 1 << n; mask++) {
    const set = Array.from({ length: n }, (_, m) => m).filter((m) => mask & (1 << m));
    if (reachesFact(graph, goal, set)) reaching.add(mask);
  }
  return [...reaching]
    .filter(
      (mask) =>
        ![...Array(n).keys()].some((m) => mask & (1 << m) && reaching.has(mask & ~(1 << m))),
    )
    .map((mask) => Array.from({ length: n }, (_, m) => m).filter((m) => mask & (1 << m)));
}

describe('the search along chains of rules', () => {
  it('finds the least cost brute force finds, from no known set, and proves it', () => {
    fc.assert(
      fc.property(chains, (spec) => {
        const graph = build(spec);
        const goal = graph.idOf('goal');
        if (goal === undefined) return;
        const least = leastCost(graph, goal);
        const problem = new GoalProblem(graph, watchersOf(graph), goal);
        if (problem.holdsToday()) return;
        const found = runToEnd(problem.paths(Infinity, { nodes: 1e6 }));
        // Every rule needs at most one capability: derivations are paths.
        expect(found).toBeDefined();
        expect(found!.complete).toBe(true);
        if (least === Infinity) {
          expect(found!.better).toBeUndefined();
          return;
        }
        expect(found!.cost).toBe(least);
        expect(reachesFact(graph, goal, found!.better!)).toBe(true);
        // Started from the optimum, it finds nothing cheaper and still ends.
        const again = runToEnd(problem.paths(least, { nodes: 1e6 }));
        expect(again!.better).toBeUndefined();
        expect(again!.complete).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('solveGoal on such graphs gives the least cost, proved', () => {
    fc.assert(
      fc.property(chains, (spec) => {
        const graph = build(spec);
        const goal = graph.idOf('goal');
        if (goal === undefined) return;
        const least = leastCost(graph, goal);
        const { solution } = solveGoal(graph, 'goal');
        expect(solution.exact).toBe(true);
        expect(solution.best?.cost ?? Infinity).toBe(least);
      }),
      { numRuns: 200 },
    );
  });

  it('the alternatives are distinct minimal sets up to MUT + 1; uncut, every one of them', () => {
    fc.assert(
      fc.property(chains, (spec) => {
        const graph = build(spec);
        const goal = graph.idOf('goal');
        if (goal === undefined) return;
        const { solution } = solveGoal(graph, 'goal', { ...defaultLimits, alternativesCap: 6 });
        if (!solution.best || solution.best.cost === 0) return;
        const mut = solution.best.cost;
        const all = [solution.best, ...solution.alternatives];
        const keys = all.map((s) => s.messUps.join(','));
        expect(new Set(keys).size).toBe(all.length);
        for (const s of all) {
          expect(s.cost).toBeLessThanOrEqual(mut + 1);
          expect(reachesFact(graph, goal, s.messUps)).toBe(true);
          for (const m of s.messUps)
            expect(
              reachesFact(
                graph,
                goal,
                s.messUps.filter((x) => x !== m),
              ),
            ).toBe(false);
        }
        const expected = minimalSets(graph, goal)
          .filter((s) => s.reduce((c, m) => c + graph.messUps[m]!.cost, 0) <= mut + 1)
          .map((s) => s.join(','));
        if (!solution.alternativesTruncated) expect(keys.sort()).toEqual(expected.sort());
      }),
      { numRuns: 200 },
    );
  });

  it('does not apply where a rule needs two derived facts', () => {
    const b = new GraphBuilder();
    b.start(named('cap:0'));
    b.rule('test-step', [named('cap:0'), named('c:0')], named('cap:1'));
    b.rule('test-step', [named('cap:0'), named('c:1')], named('cap:2'));
    b.rule('test-step', [named('cap:1'), named('cap:2')], named('goal'));
    b.messUp('m-0', generatedMessUp, 'm-0', 1, [named('c:0')], []);
    b.messUp('m-1', generatedMessUp, 'm-1', 1, [named('c:1')], []);
    const graph = b.build();
    const problem = new GoalProblem(graph, watchersOf(graph), graph.idOf('goal')!);
    expect(runToEnd(problem.paths(Infinity, { nodes: 1e6 }))).toBeUndefined();
    expect(solveGoal(graph, 'goal').solution).toMatchObject({ exact: true, best: { cost: 2 } });
  });

  it('a node budget too small leaves the search incomplete, never a wrong proof', () => {
    const instance = randomHorn(1000, 1);
    const problem = new GoalProblem(
      instance.graph,
      watchersOf(instance.graph),
      instance.graph.idOf(instance.goal)!,
    );
    const found = runToEnd(problem.paths(Infinity, { nodes: 50 }));
    expect(found!.complete).toBe(false);
  });
});
