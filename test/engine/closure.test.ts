import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, type AttackGraph } from '../../src/engine/graph/graph.ts';
import { Closure, watchersOf } from '../../src/engine/tolerance/closure.ts';
import { generatedMessUp, smallFact, smallGraph } from './generatedGraphs';

// The closure's rules wait on one body fact each and move on as facts are processed; undoing
// moves none back. So a rule may wait on a fact that was undone and added again, or on the
// last of its body facts: these tests add, stop and undo in random order and check each state
// against a fixpoint computed from scratch, and against the closure with a counter per rule
// that it replaced: the same facts derived in the same order by the same rules.

const factOf = smallFact;

const graphs = fc.record({
  present: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  rules: fc.array(
    fc.record({
      head: fc.integer({ min: 1, max: 7 }),
      body: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 0, maxLength: 3 }),
      active: fc.boolean(),
    }),
    { minLength: 6, maxLength: 32 },
  ),
  distances: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 60, max: 70 })), {
    minLength: 12,
    maxLength: 12,
  }),
  ops: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('add' as const), fact: fc.nat(11), stop: fc.nat(12) }),
      fc.record({ kind: fc.constant('undo' as const), back: fc.nat(5) }),
    ),
    { maxLength: 30 },
  ),
});

type Spec = typeof graphs extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  graph: AttackGraph;
  mask: Uint8Array;
  distance: Int32Array;
}

function build(spec: Spec): Built {
  const b = smallGraph(spec);
  // Every fact named, so that `add` can be given any of them.
  for (let i = 1; i < 12; i++) b.rule('test-step', [factOf(0), factOf(i)], factOf(i));
  const graph = b.build();
  const mask = new Uint8Array(graph.rules.count);
  for (let r = 0; r < graph.rules.count; r++) mask[r] = spec.rules[r]?.active === false ? 0 : 1;
  const distance = new Int32Array(graph.facts.length);
  for (let f = 0; f < graph.facts.length; f++) distance[f] = spec.distances[f % 12]!;
  return { graph, mask, distance };
}

/** The facts that follow from `given` by the rules of `mask`, to a fixpoint. */
function fixpoint(graph: AttackGraph, mask: Uint8Array, given: Iterable<number>): Uint8Array {
  const holds = new Uint8Array(graph.facts.length);
  for (const f of given) holds[f] = 1;
  for (let changed = true; changed;) {
    changed = false;
    for (let r = 0; r < graph.rules.count; r++) {
      const head = graph.rules.head[r]!;
      if (mask[r] && !holds[head] && graph.rules.bodyOf(r).every((b) => holds[b] === 1)) {
        holds[head] = 1;
        changed = true;
      }
    }
  }
  return holds;
}

/**
 * The closure as it was before rules waited on one fact: a counter per rule of its body facts
 * still to process, counted down by each, facts processed from stacks by distance (nearest
 * first, last in first out). The order it derives facts in is the one the solver's work
 * counts, stops and witnesses were measured with.
 */
class CountingClosure {
  readonly holds: Uint8Array;
  readonly by: Int32Array;
  readonly trail: number[] = [];
  private readonly missing: Int32Array;
  private readonly processed: Uint8Array;
  private readonly stacks: number[][] = [];

  constructor(
    private readonly graph: AttackGraph,
    private readonly mask: Uint8Array,
    private readonly distance: Int32Array,
  ) {
    this.holds = new Uint8Array(graph.facts.length);
    this.by = new Int32Array(graph.facts.length).fill(-1);
    this.processed = new Uint8Array(graph.facts.length);
    this.missing = new Int32Array(graph.rules.count);
    for (let r = 0; r < graph.rules.count; r++) this.missing[r] = graph.rules.bodyOf(r).length;
    for (let r = 0; r < graph.rules.count; r++)
      if (this.missing[r] === 0 && mask[r]) this.add(graph.rules.head[r]!, r);
  }

  add(fact: number, byRule = -1, stopAt = -1): void {
    if (this.holds[fact]) return;
    this.set(fact, byRule);
    for (;;) {
      const d = this.stacks.findIndex((s) => s && s.length > 0);
      if (d < 0) return;
      if (stopAt >= 0 && this.holds[stopAt]) {
        this.stacks.length = 0;
        return;
      }
      const f = this.stacks[d]!.pop()!;
      this.processed[f] = 1;
      for (let r = 0; r < this.graph.rules.count; r++) {
        if (!this.graph.rules.bodyOf(r).includes(f)) continue;
        if (--this.missing[r]! === 0 && this.mask[r]) {
          const head = this.graph.rules.head[r]!;
          if (!this.holds[head]) this.set(head, r);
        }
      }
    }
  }

  private set(fact: number, byRule: number): void {
    this.holds[fact] = 1;
    this.by[fact] = byRule;
    this.trail.push(fact);
    (this.stacks[Math.min(this.distance[fact]!, 63)] ??= []).push(fact);
  }

  undo(mark: number): void {
    while (this.trail.length > mark) {
      const f = this.trail.pop()!;
      this.holds[f] = 0;
      this.by[f] = -1;
      if (!this.processed[f]) continue;
      this.processed[f] = 0;
      for (let r = 0; r < this.graph.rules.count; r++)
        if (this.graph.rules.bodyOf(r).includes(f)) this.missing[r]!++;
    }
  }
}

describe('the closure', () => {
  it('holds the fixpoint of what was added and not undone, whatever came before', () => {
    fc.assert(
      fc.property(graphs, (spec) => {
        const { graph, mask, distance } = build(spec);
        const closure = new Closure(graph, watchersOf(graph), mask, distance);
        const counting = new CountingClosure(graph, mask, distance);
        const n = graph.facts.length;
        for (const f of graph.initial) {
          closure.add(f);
          counting.add(f);
        }
        // Marks with what had been added and the state then.
        const marks: { mark: number; given: number[]; holds: Uint8Array; by: Int32Array }[] = [];
        let given = [...graph.initial];
        const check = () => {
          // Derived in the order, and by the rules, of the closure with counters.
          expect(closure.addedSince(0)).toEqual(counting.trail);
          expect([...closure.by]).toEqual([...counting.by]);
          expect([...closure.holds]).toEqual([...fixpoint(graph, mask, given)]);
          for (let f = 0; f < n; f++) {
            const r = closure.by[f]!;
            if (!closure.holds[f]) expect(r).toBe(-1);
            else if (r >= 0) {
              // Derived by a rule that may fire, whose body holds.
              expect(mask[r]).toBe(1);
              expect(graph.rules.head[r]).toBe(f);
              for (const b of graph.rules.bodyOf(r)) expect(closure.holds[b]).toBe(1);
            } else expect(given).toContain(f);
          }
          for (let r = 0; r < graph.rules.count; r++) {
            const missing = graph.rules.bodyOf(r).filter((b) => !closure.holds[b]).length;
            expect(closure.missingOf(r)).toBe(missing);
          }
        };
        check();
        for (const op of spec.ops) {
          if (op.kind === 'undo') {
            const to = marks.length - 1 - op.back;
            if (to < 0) continue;
            const back = marks[to]!;
            marks.length = to;
            closure.undo(back.mark);
            counting.undo(back.mark);
            given = back.given;
            expect([...closure.holds]).toEqual([...back.holds]);
            expect([...closure.by]).toEqual([...back.by]);
            check();
            continue;
          }
          const fact = op.fact % n;
          const before = {
            mark: closure.mark(),
            given,
            holds: closure.holds.slice(),
            by: closure.by.slice(),
          };
          const stopAt = op.stop < n ? op.stop : -1;
          closure.add(fact, -1, stopAt);
          counting.add(fact, -1, stopAt);
          expect(closure.addedSince(0)).toEqual(counting.trail);
          if (stopAt >= 0 && closure.holds[stopAt]) {
            // Maybe stopped before the fixpoint: part of it holds, and undoing restores all.
            const whole = fixpoint(graph, mask, [...given, fact]);
            for (let f = 0; f < n; f++) if (closure.holds[f]) expect(whole[f]).toBe(1);
            closure.undo(before.mark);
            counting.undo(before.mark);
            expect([...closure.holds]).toEqual([...before.holds]);
            expect([...closure.by]).toEqual([...before.by]);
            check();
            continue;
          }
          marks.push(before);
          given = [...given, fact];
          check();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('fires a rule when its last body fact is processed, not when it is set', () => {
    // `a` (a condition) gives `g` then `f`, processed last in first out: `f` first, which gives `x` at
    // once; `h` needs `g` too, so it comes only when `g` is processed, after `x`.
    const b = new GraphBuilder();
    b.start(factOf(0));
    const [a, g, f, x, h] = [8, 2, 3, 4, 5].map(factOf);
    // A condition a mess-up provides: else no rule needing it could ever fire, and the graph
    // would drop them all.
    b.messUp('m', generatedMessUp, 'm', 1, [a!], []);
    b.rule('test-step', [a!], g!);
    b.rule('test-step', [a!], f!);
    b.rule('test-step', [f!, g!], h!);
    b.rule('test-step', [f!], x!);
    const graph = b.build();
    const id = (fact: typeof a) => graph.idOf(fact!.key)!;
    const closure = new Closure(
      graph,
      watchersOf(graph),
      undefined,
      new Int32Array(graph.facts.length),
    );
    const mark = closure.mark();
    closure.add(id(a));
    expect(closure.addedSince(mark)).toEqual([a, g, f, x, h].map(id));
  });
});
