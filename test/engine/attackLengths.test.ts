// The witness among equally cheap sets is the one with the shortest attack. The lengths are
// worked out from today's shortest proof, lowered by each set's new facts; they must be the
// lengths a proof from scratch gives.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/engine/graph/buildGraph.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import { watchersOf } from '../../src/engine/tolerance/closure.ts';
import { defaultLimits, GoalProblem, solveGoal } from '../../src/engine/tolerance/solve.ts';
import { attackLength, attackLengths } from '../../src/engine/tolerance/witness.ts';
import { smallGraph } from './generatedGraphs';
import { clusterArbitrary, clusterFiles, goalsOf } from './randomCluster';

describe('attack lengths from today’s proof', () => {
  it('equal a proof from scratch, for the sets found and for random sets, asked in any order', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.array(fc.nat(), { maxLength: 24 }), (c, picks) => {
        const { model } = buildModel(readObjects(parseFiles(clusterFiles(c)).documents).objects);
        const goals = goalsOf(c);
        const graph = buildGraph(model, goals, model.threat.start);
        const watchers = watchersOf(graph);
        for (const goal of goals) {
          const { problem, solution } = solveGoal(graph, `goal:${goal}`, defaultLimits, watchers);
          if (!problem) continue;
          const candidates = problem.candidates;
          const sets = [solution.best, ...solution.alternatives]
            .filter((s) => s !== undefined && s !== null)
            .map((s) => s.messUps);
          // Random sets too, reaching the goal or not: pairs of picks index the candidates.
          for (let i = 0; i + 1 < picks.length && candidates.length; i += 2)
            sets.push(
              [
                candidates[picks[i]! % candidates.length]!,
                candidates[picks[i + 1]! % candidates.length]!,
              ]
                .filter((m, j, a) => a.indexOf(m) === j)
                .sort((a, b) => a - b),
            );
          const listed = [...sets, ...[...sets].reverse()];
          const lengths = attackLengths(graph, problem, listed);
          listed.forEach((set, i) =>
            expect(lengths[i], `${goal}: {${set.join(',')}}`).toBe(
              attackLength(graph, problem, set),
            ),
          );
        }
      }),
      { numRuns: 80 },
    );
  });

  // Random AND/OR graphs where today's facts already reach far, by long ways and short, and
  // mess-ups open shortcuts to facts that hold today: the case where costs must go down.

  const graphs = fc.record({
    present: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    rules: fc.array(
      fc.record({
        head: fc.integer({ min: 1, max: 7 }),
        body: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 3 }),
        bookkeeping: fc.boolean(),
      }),
      { minLength: 4, maxLength: 20 },
    ),
    messUps: fc.array(
      fc.uniqueArray(fc.integer({ min: 1, max: 11 }), { minLength: 1, maxLength: 2 }),
      {
        minLength: 1,
        maxLength: 7,
      },
    ),
  });

  it('equal a proof from scratch where a set shortens the way to facts that hold today', () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        // Facts 0..7 are capabilities (0 the start, 7 the goal), 8..11 conditions.
        const graph = smallGraph(spec).build();
        const goal = graph.idOf('cap:7');
        if (goal === undefined) return;
        const problem = new GoalProblem(graph, watchersOf(graph), goal);
        const n = graph.messUps.length;
        const sets: number[][] = [];
        for (let mask = 0; mask < 1 << n; mask++)
          sets.push([...Array(n).keys()].filter((m) => mask & (1 << m)));
        const lengths = attackLengths(graph, problem, sets);
        sets.forEach((set, i) =>
          expect(lengths[i], `{${set.join(',')}}`).toBe(attackLength(graph, problem, set)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
