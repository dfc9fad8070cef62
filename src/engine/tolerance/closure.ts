import type { AttackGraph } from '../graph/graph';
import { int32s, uint8s } from '../typedArrays';
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

/** Rules fired by one fact, sorted before their heads are set (see `add`). */
let fired = new Int32Array(64);

/**
 * Forward chaining over the attack graph, with an undo trail: the solver adds a mess-up,
 * looks whether the goal now holds, and takes it back, thousands of times per analysis.
 *
 * Each rule waits on one body fact not yet processed (as SAT solvers' watched literals do):
 * processing a fact looks only at the rules waiting on it, each moving on to another body
 * fact still to come, or firing when none is left. Undoing touches no rule: a rule waits on
 * a fact that is unprocessed again, or on the last of its body facts to be processed, which
 * the trail undoes before or with the others. A counter per rule, counted down by every body
 * fact and up again by every undo, cost each fact all the rules it appears in: on a cluster
 * of 10,000 objects `reach:api` is in 7,157, derived and undone 11,000 times per analysis,
 * 96% of the closure's work (80 million counter steps; now the rules move once and stay).
 */
export class Closure {
  readonly holds: Uint8Array;
  /** The rule that first derived each fact (-1: initial or provided by a mess-up). */
  readonly by: Int32Array;
  /** Whether a fact's waiting rules were looked at (a fact can be set but not yet processed). */
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
  private readonly bodyStart: Int32Array;
  private readonly body: Int32Array;
  /** The first rule waiting on each fact (-1: none), and each rule's next on the same list. */
  private readonly waiting: Int32Array;
  private readonly nextWaiting: Int32Array;

  constructor(
    graph: AttackGraph,
    _watchers: Watchers,
    ruleMask?: Uint8Array,
    private readonly distance?: Int32Array,
  ) {
    const flat = flatRules(graph);
    this.head = flat.head;
    this.bodyStart = flat.bodyStart;
    this.body = flat.body;
    const n = graph.facts.length;
    this.holds = uint8s(n);
    this.by = int32s(n, -1);
    this.processed = uint8s(n);
    this.trail = int32s(n);
    // Only the rules that may fire wait; each on its first body fact to begin with.
    this.waiting = int32s(n, -1);
    this.nextWaiting = int32s(flat.head.length, -1);
    const { bodyStart, body } = flat;
    for (let r = flat.head.length - 1; r >= 0; r--) {
      if (ruleMask && ruleMask[r] !== 1) continue;
      const start = bodyStart[r]!;
      if (start === bodyStart[r + 1]!) continue;
      const f = body[start]!;
      this.nextWaiting[r] = this.waiting[f]!;
      this.waiting[f] = r;
    }
    for (const i of flat.axioms) if (!ruleMask || ruleMask[i] === 1) this.add(flat.head[i]!, i);
  }

  /**
   * Makes `fact` true and derives what follows; with `stopAt`, stops as soon as that
   * fact holds (the solver only asks "is the goal reached?"). Either way `undo` restores
   * exactly the state before.
   *
   * The rules a fact fires set their heads in ascending order, as when every rule holding the
   * fact was visited in order: the order facts are derived in (and so `by`, where a search
   * stops, and the work it counts) is the same whichever rules wait where.
   */
  add(fact: number, byRule = -1, stopAt = -1): void {
    const { holds, processed, waiting, nextWaiting, bodyStart, body, head: heads } = this;
    if (holds[fact]) return;
    this.set(fact, byRule);
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
      let count = 0;
      let previous = -1;
      for (let r = waiting[f]!; r !== -1;) {
        const following = nextWaiting[r]!;
        let other = -1;
        for (let j = bodyStart[r]!, end = bodyStart[r + 1]!; j < end; j++) {
          if (processed[body[j]!] === 0) {
            other = body[j]!;
            break;
          }
        }
        if (other >= 0) {
          // Waits on `other` from now on, undone or not.
          if (previous === -1) waiting[f] = following;
          else nextWaiting[previous] = following;
          nextWaiting[r] = waiting[other]!;
          waiting[other] = r;
        } else {
          if (count === fired.length) {
            const larger = new Int32Array(2 * count);
            larger.set(fired);
            fired = larger;
          }
          fired[count++] = r;
          previous = r;
        }
        r = following;
      }
      // The rules left waiting on `f` are those it fired: relinked in order once sorted, so
      // the next time `f` is processed they need no sorting unless others joined them.
      if (count > 1 && !isAscending(fired, count)) {
        sortAscending(fired, count);
        waiting[f] = fired[0]!;
        for (let k = 1; k < count; k++) nextWaiting[fired[k - 1]!] = fired[k]!;
        nextWaiting[fired[count - 1]!] = -1;
      }
      for (let k = 0; k < count; k++) {
        const r = fired[k]!;
        const head = heads[r]!;
        if (!holds[head]) this.set(head, r);
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

  /** Body facts of `rule` not processed yet (that do not hold, when nothing is pending). */
  missingOf(rule: number): number {
    const { bodyStart, body, processed } = this;
    let missing = 0;
    for (let j = bodyStart[rule]!, end = bodyStart[rule + 1]!; j < end; j++)
      if (processed[body[j]!] === 0) missing++;
    return missing;
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
    const { trail, holds, by, processed } = this;
    while (this.trailLength > mark) {
      const f = trail[--this.trailLength]!;
      holds[f] = 0;
      by[f] = -1;
      processed[f] = 0;
    }
  }
}

/** Sorts the first `count` rules of `list`: few as a rule, so by insertion below a few dozen. */
function isAscending(list: Int32Array, count: number): boolean {
  for (let i = 1; i < count; i++) if (list[i - 1]! > list[i]!) return false;
  return true;
}

function sortAscending(list: Int32Array, count: number): void {
  if (count > 32) {
    list.subarray(0, count).sort();
    return;
  }
  for (let i = 1; i < count; i++) {
    const r = list[i]!;
    let j = i - 1;
    while (j >= 0 && list[j]! > r) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = r;
  }
}

/** For each fact, the rules whose body contains it (once per rule), shared by the goals. */
export function watchersOf(graph: AttackGraph): Watchers {
  return flatRules(graph).watchers;
}
