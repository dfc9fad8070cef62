import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { watchersOf } from '../../src/engine/tolerance/closure.ts';
import { GoalProblem } from '../../src/engine/tolerance/solve.ts';
import { smallGraph } from './generatedGraphs';

// The pairs pass finds each candidate's critical facts (where a partner's propagation may
// stop) from today's and what the candidate added, instead of from scratch: the same set, or
// the work it counts, and so where the search stops, would change.

/** The solver's own steps, which these tests compare (private to the solver). */
interface Internals {
  closure: { mark(): number; addedSince(mark: number): number[]; undo(mark: number): void };
  apply(m: number): void;
  criticalFacts(): Uint8Array;
  criticalFactsAfter(added: readonly number[], kept: number): Uint8Array;
  criticalMarked: number[];
  reset(): void;
}

const graphs = fc.record({
  present: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  rules: fc.array(
    fc.record({
      head: fc.integer({ min: 1, max: 7 }),
      body: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 4, maxLength: 24 },
  ),
  messUps: fc.array(
    fc.uniqueArray(fc.integer({ min: 1, max: 11 }), { minLength: 1, maxLength: 3 }),
    { minLength: 1, maxLength: 8 },
  ),
});

describe('critical facts after a candidate', () => {
  it('are those found from scratch', () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        // Facts 0..7 are capabilities (0 the start, 7 the goal), 8..11 conditions.
        const graph = smallGraph(spec).build();
        const goal = graph.idOf('cap:7');
        if (goal === undefined) return;
        const problem = new GoalProblem(graph, watchersOf(graph), goal);
        if (problem.holdsToday()) return;
        const inside = problem as unknown as Internals;
        const n = graph.facts.length;
        const setOf = (critical: Uint8Array) => [...Array(n).keys()].filter((f) => critical[f]);
        inside.reset();
        const today = setOf(inside.criticalFacts());
        const kept = inside.criticalMarked.length;
        for (const m of problem.candidates) {
          const mark = inside.closure.mark();
          inside.apply(m);
          const added = inside.closure.addedSince(mark);
          // Only candidates that do not reach the goal alone (those the pairs pass pairs).
          if (problem.reaches([])) {
            inside.closure.undo(mark);
            continue;
          }
          const after = setOf(inside.criticalFactsAfter(added, kept));
          for (const f of today) expect(after).toContain(f);
          expect(after).toEqual(setOf(inside.criticalFacts()));
          // Today's answer first again, as the pairs pass keeps it.
          inside.closure.undo(mark);
          expect(setOf(inside.criticalFacts())).toEqual(today);
        }
      }),
      { numRuns: 400 },
    );
  });
});
