import type { AttackGraph } from '../graph/graph';
import { copyOfInt32s, int32s, uint8s } from '../typedArrays';
import { flatRules, type Watchers } from './flatRules';

/** Distances beyond share the last stack: far facts are rarely reached before the goal. */
const maxDistance = 63;

/**
 * Facts waiting to be processed, in stacks by distance to the goal when one is given:
 * nearest first, so "does this reach the goal?" meets it before exploring the rest.
 * `bucketLength[d]` is the height of stack d (its array may be longer). Every stack is empty
 * again when `add` returns, so all closures share them: a closure per goal built its own
 * sixty-odd arrays, which was a fair share of a small cluster's solving.
 */
const buckets: number[][] = Array.from({ length: maxDistance + 1 }, () => []);
const bucketLength = new Int32Array(maxDistance + 1);

/**
 * Forward chaining over the attack graph, with an undo trail: the solver adds a mess-up,
 * looks whether the goal now holds, and takes it back, thousands of times per analysis.
 * Each rule counts the body facts still missing; a fact becoming true decrements the
 * counters of the rules that wait for it, so a whole derivation costs its size.
 */
export class Closure {
  readonly holds: Uint8Array;
  /** The rule that first derived each fact (-1: initial or provided by a mess-up). */
  readonly by: Int32Array;
  private readonly missing: Int32Array;
  /** Whether a fact's watchers were counted down (a fact can be set but not yet processed). */
  private readonly processed: Uint8Array;
  /**
   * The facts made true, in order, up to `trailLength`. A fact is on it at most once (it is
   * taken off when undone), so it never outgrows the facts; the stacks below never shrink.
   * Arrays popped empty and pushed again gave memory back and took it anew, thousands of times.
   */
  private readonly trail: Int32Array;
  private trailLength = 0;
  /** Facts waiting in the shared stacks, and the lowest and highest stack in use. */
  private pending = 0;
  private lowest = 0;
  private highest = 0;
  private readonly head: Int32Array;
  /** 1 for the rules that may fire (all of them without a mask). */
  private readonly active: Uint8Array;

  constructor(
    graph: AttackGraph,
    private readonly watchers: Watchers,
    ruleMask?: Uint8Array,
    private readonly distance?: Int32Array,
  ) {
    const flat = flatRules(graph);
    this.head = flat.head;
    this.active = ruleMask ?? uint8s(graph.rules.count, 1);
    this.holds = uint8s(graph.facts.length);
    this.by = int32s(graph.facts.length, -1);
    this.missing = copyOfInt32s(flat.bodySize);
    this.processed = uint8s(graph.facts.length);
    this.trail = int32s(graph.facts.length);
    for (const i of flat.axioms) if (this.active[i] === 1) this.add(flat.head[i]!, i);
  }

  /**
   * Makes `fact` true and derives what follows; with `stopAt`, stops as soon as that
   * fact holds (the solver only asks "is the goal reached?"). Either way `undo` restores
   * exactly the state before.
   */
  add(fact: number, byRule = -1, stopAt = -1): void {
    const { holds, processed, missing, active, head: heads } = this;
    if (holds[fact]) return;
    this.set(fact, byRule);
    // The arrays in locals: `set` writes to the closure, so V8 would reload each field at
    // every rule otherwise (this loop is most of the solver's time on a large cluster).
    const { start, rules } = this.watchers;
    while (this.pending > 0) {
      if ((stopAt >= 0 && holds[stopAt]) || this.stopped) {
        for (let d = this.lowest; d <= this.highest; d++) bucketLength[d] = 0;
        this.pending = 0;
        this.lowest = 0;
        this.highest = 0;
        return;
      }
      const f = this.next();
      processed[f] = 1;
      for (let i = start[f]!, end = start[f + 1]!; i < end; i++) {
        const r = rules[i]!;
        if (--missing[r]! === 0 && active[r] === 1) {
          const head = heads[r]!;
          if (!holds[head]) this.set(head, r);
        }
      }
    }
  }

  /** Facts made true so far, undone or not: the solver's measure of work spent. */
  work = 0;
  /**
   * Facts known to lead to the goal from the current state: reaching one is as good as
   * reaching the goal, so propagation may stop there (see GoalProblem.core).
   */
  stopFacts: Uint8Array | undefined;
  stopped = false;

  /** Body facts of `rule` that do not hold yet (valid when nothing is pending). */
  missingOf(rule: number): number {
    return this.missing[rule]!;
  }

  private set(fact: number, byRule: number): void {
    this.work++;
    if (this.stopFacts?.[fact]) this.stopped = true;
    this.holds[fact] = 1;
    this.by[fact] = byRule;
    this.trail[this.trailLength++] = fact;
    const d = this.distance ? Math.min(this.distance[fact]!, maxDistance) : 0;
    buckets[d]![bucketLength[d]!++] = fact;
    this.pending++;
    if (this.pending === 1) {
      this.lowest = d;
      this.highest = d;
    } else {
      if (d < this.lowest) this.lowest = d;
      if (d > this.highest) this.highest = d;
    }
  }

  private next(): number {
    while (bucketLength[this.lowest] === 0) this.lowest++;
    this.pending--;
    const f = buckets[this.lowest]![--bucketLength[this.lowest]!]!;
    if (this.pending === 0) this.lowest = 0;
    return f;
  }

  mark(): number {
    return this.trailLength;
  }

  /** The facts made true since `mark`, in the order they were. */
  addedSince(mark: number): number[] {
    const added = new Array<number>(this.trailLength - mark);
    for (let i = mark; i < this.trailLength; i++) added[i - mark] = this.trail[i]!;
    return added;
  }

  /** Takes back every fact made true since `mark`. */
  undo(mark: number): void {
    const { trail, holds, by, processed, missing } = this;
    const { start, rules } = this.watchers;
    while (this.trailLength > mark) {
      const f = trail[--this.trailLength]!;
      holds[f] = 0;
      by[f] = -1;
      if (!processed[f]) continue;
      processed[f] = 0;
      for (let i = start[f]!, end = start[f + 1]!; i < end; i++) missing[rules[i]!]!++;
    }
  }
}

/** For each fact, the rules whose body contains it (once per rule), shared by the goals. */
export function watchersOf(graph: AttackGraph): Watchers {
  return flatRules(graph).watchers;
}
