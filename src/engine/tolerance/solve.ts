import type { AttackGraph } from '../graph/graph';
import { Closure, watchersOf } from './closure';
import { flatRules, type FlatRules, type Watchers } from './flatRules';
import { HittingSets, type HittingSetBudget } from './hittingSet';
import { copyOfInt32s, float64s, int32s, scratchInt32s, scratchSlot, uint8s } from '../typedArrays';
import { sharedHeap } from './minHeap';
import { attackLengths } from './witness';
import { landmarkCut, type LandmarkCut } from './landmarks';
import {
  derivationsArePaths,
  pathSearch,
  type PathListing,
  type PathSearchResult,
} from './pathSearch';

// MUT is a minimum-cost set of mess-ups that makes the goal derivable: a delete-free
// planning problem, NP-hard in general. The solver is the implicit-hitting-set method
// (as in Haslum, Slaney & Thiébaux's optimal delete-free planning): keep "cores", sets
// of mess-ups of which every solution needs at least one; take a cheapest set hitting
// them all; if it reaches the goal it is optimal, because every solution hits every
// core. If not, grow it greedily to a maximal set that still fails: the mess-ups left
// out form a new core. The hitting-set cost is a proven lower bound at every step.

export interface SolveLimits {
  /** Rounds of the hitting-set loop per goal before settling for bounds. */
  maxRounds: number;
  /** Branch-and-bound nodes for all hitting-set searches of one goal. */
  maxNodes: number;
  alternativesCap: number;
  /** Rounds spent looking for alternatives: the list is a bounded sample, said so when cut. */
  alternativeRounds: number;
  /** Facts derived (and undone) while looking for alternatives, at most: keeps large clusters fast. */
  alternativeWork: number;
  /** Branch-and-bound nodes for the hitting-set searches of the alternatives. */
  alternativeNodes: number;
}

export const defaultLimits: SolveLimits = {
  maxRounds: 400,
  maxNodes: 400_000,
  alternativesCap: 20,
  alternativeRounds: 60,
  alternativeWork: 1_000_000,
  alternativeNodes: 50_000,
};

/**
 * The default limits scaled by `effort` (a share, 1 being the default; at least one round
 * and one node each). Work limits only, no clock: the same share gives the same answer on
 * every machine, which a replayed demo needs.
 */
export function limitsFor(effort: number): SolveLimits {
  const share = Number.isFinite(effort) && effort > 0 ? effort : 1;
  const scale = (n: number) => Math.max(1, Math.round(n * share));
  return {
    ...defaultLimits,
    maxRounds: scale(defaultLimits.maxRounds),
    maxNodes: scale(defaultLimits.maxNodes),
    alternativeRounds: scale(defaultLimits.alternativeRounds),
    alternativeWork: scale(defaultLimits.alternativeWork),
    alternativeNodes: scale(defaultLimits.alternativeNodes),
  };
}

export interface Solution {
  /** Indexes into graph.messUps, sorted. */
  messUps: number[];
  cost: number;
}

export interface GoalSolution {
  /** null: no set of candidate mess-ups reaches the goal. */
  best: Solution | null;
  lowerBound: number;
  exact: boolean;
  alternatives: Solution[];
  alternativesTruncated: boolean;
}

/** The graph cut down to what matters for one goal, with a reusable closure. */
export class GoalProblem {
  readonly candidates: number[];
  private readonly closure: Closure;
  /** The rules that derive a fact from which the goal can be derived: the only ones that matter. */
  readonly ruleMask: Uint8Array;
  private readonly rules: FlatRules;
  readonly watchers: Watchers;
  private readonly base: number;
  private critical: Uint8Array | undefined;
  /** Room the relaxed plans and their second layers need in the shared heap. */
  private planHeap: number | undefined;
  private throughHeap: number | undefined;
  /** First layers of plans through a mess-up, by the mess-ups they exclude. */
  private readonly firstLayers = new Map<string, Derivations>();
  /** Facts settled by plans: work, like the closure's derived facts. */
  private planWork = 0;
  readonly costs: number[];
  /** The facts `critical` holds marked, to clear them. */
  private readonly criticalMarked: number[] = [];

  constructor(
    readonly graph: AttackGraph,
    watchers: Watchers,
    readonly goal: number,
  ) {
    this.rules = flatRules(graph);
    this.costs = graph.messUps.map((m) => m.cost);
    // Relevant: facts and rules from which the goal can be derived, backwards; the
    // facts are those at a finite distance from the goal, the rules those deriving one.
    const { depth, ruleMask } = distancesToGoal(this.rules, goal);
    this.closure = new Closure(graph, watchers, ruleMask, depth);
    this.ruleMask = ruleMask;
    this.watchers = watchers;
    for (const f of graph.initial) this.closure.add(f);
    this.base = this.closure.mark();
    // Candidates nearest the goal first (by the nearest fact each provides), then by index.
    // The order changes which cores are found and how fast, never the MUT. (The first
    // version tried the farthest first; the order was reversed in a rewrite, and outputs
    // have been this order's since.) A counting sort by depth, in index order within one:
    // depths are few and small. (Sorting numbers packing depth and index was most of the
    // constructor's own time on layered manifests of 10,000 objects.)
    const { messUps } = graph;
    const n = messUps.length;
    const nearest = scratchInt32s(candidateDepth, n);
    let deepest = -1;
    let count = 0;
    for (let i = 0; i < n; i++) {
      let d = unreached;
      for (const p of messUps[i]!.provides) if (depth[p]! < d) d = depth[p]!;
      nearest[i] = d;
      if (d < unreached) {
        count++;
        if (d > deepest) deepest = d;
      }
    }
    // Where each depth's candidates begin.
    const from = scratchInt32s(candidatesFrom, deepest + 2, 0);
    for (let i = 0; i < n; i++) if (nearest[i]! < unreached) from[nearest[i]! + 1]!++;
    for (let d = 0; d <= deepest; d++) from[d + 1]! += from[d]!;
    this.candidates = new Array<number>(count);
    for (let i = 0; i < n; i++)
      if (nearest[i]! < unreached) this.candidates[from[nearest[i]!]!++] = i;
  }

  /** Whether applying `set` (mess-up indexes) reaches the goal; leaves the closure as it was. */
  reaches(set: readonly number[]): boolean {
    const mark = this.closure.mark();
    for (const m of set) this.apply(m, this.goal);
    const ok = this.closure.holds[this.goal] === 1;
    this.closure.undo(mark);
    return ok;
  }

  private apply(m: number, stopAt = -1): void {
    for (const p of this.graph.messUps[m]!.provides) this.closure.add(p, -1, stopAt);
  }

  /** The candidates farthest from the goal first (made when first asked for). */
  private farthestFirst: number[] | undefined;

  /**
   * Grows `set` by every candidate that keeps the goal out of reach, in a fixed order (the
   * candidates' own, or theirs reversed: `farthestFirst`). Returns the candidates that would
   * each complete it: a core; undefined when that took more than `maxWork` facts derived.
   */
  core(set: readonly number[]): number[];
  core(set: readonly number[], farthestFirst: boolean, maxWork: number): number[] | undefined;
  core(set: readonly number[], farthestFirst = false, maxWork = Infinity): number[] | undefined {
    const order = farthestFirst
      ? (this.farthestFirst ??= [...this.candidates].reverse())
      : this.candidates;
    const workLimit = this.closure.work + maxWork;
    this.closure.undo(this.base);
    for (const m of set) this.apply(m);
    const inSet = new Set(set);
    const core: number[] = [];
    // Facts that lead to the goal from the grown set: a candidate that reaches one
    // completes the goal, so its propagation can stop there instead of deriving on.
    let critical = this.criticalFacts();
    this.closure.stopFacts = critical;
    try {
      for (const m of order) {
        if (inSet.has(m)) continue;
        const mark = this.closure.mark();
        if (this.completes(m)) {
          const spent = this.closure.mark() - mark;
          this.closure.undo(mark);
          core.push(m);
          // A long way to the goal: the grown set now makes more facts critical. Recomputing
          // costs a pass over the rules, so only when the detour cost a fair share of one.
          if (spent > 64 + this.graph.rules.count / 16) {
            critical = this.criticalFacts();
            this.closure.stopFacts = critical;
          }
        }
        if (this.closure.work > workLimit) {
          this.closure.undo(this.base);
          return undefined;
        }
      }
    } finally {
      this.closure.stopFacts = undefined;
      this.closure.stopped = false;
    }
    this.closure.undo(this.base);
    return core;
  }

  /**
   * The candidates costing at most `limit` that reach the goal alone, in candidate order: one
   * closure each from today's facts, stopped at the first fact that completes the goal.
   */
  singles(limit: number): number[] {
    const { messUps } = this.graph;
    const found: number[] = [];
    this.closure.undo(this.base);
    this.closure.stopFacts = this.criticalFacts();
    try {
      for (const m of this.candidates) {
        if (messUps[m]!.cost > limit) continue;
        const mark = this.closure.mark();
        if (this.completes(m)) found.push(m);
        this.closure.undo(mark);
      }
    } finally {
      this.closure.stopFacts = undefined;
      this.closure.stopped = false;
    }
    return found;
  }

  /**
   * Every minimal set of one or two candidates that costs at most `limit` and reaches the
   * goal, singles first, each in candidate order (`cheapest`: the least a candidate costs).
   * `complete` is false when the search stopped early: more than `enough` sets found, or
   * `maxWork` steps spent on pairs.
   *
   * Singles take one closure each from today's facts, stopped at the first fact that
   * completes the goal. A pair {a, b} where neither suffices alone reaches the goal only if
   * the closure of both is more than the union of their own closures, which takes a rule
   * whose body needs a fact that only a adds and one that only b adds. So b is tried as a's
   * partner only when its own closure added a fact that shares a rule body with one a
   * added, and each try is one closure from a's, stopped like the singles.
   */
  smallSets(
    limit: number,
    cheapest: number,
    enough: number,
    maxWork: number,
  ): { sets: number[][]; complete: boolean } {
    const { messUps } = this.graph;
    const sets: number[][] = [];
    // What each candidate that is not enough alone, but cheap enough to pair, adds to today.
    const pairable: { m: number; added: number[] }[] = [];
    this.closure.undo(this.base);
    this.closure.stopFacts = this.criticalFacts();
    try {
      for (const m of this.candidates) {
        const cost = messUps[m]!.cost;
        if (cost > limit) continue;
        const mark = this.closure.mark();
        if (this.completes(m)) sets.push([m]);
        else if (cost + cheapest <= limit)
          pairable.push({ m, added: this.closure.addedSince(mark) });
        this.closure.undo(mark);
      }
    } finally {
      this.closure.stopFacts = undefined;
      this.closure.stopped = false;
    }
    if (sets.length > enough) return { sets, complete: false };
    return { sets, complete: this.pairs(pairable, limit, enough, maxWork, sets) };
  }

  /** The pairs of `smallSets`, appended to `sets`; false when it stopped early. */
  private pairs(
    pairable: readonly { m: number; added: readonly number[] }[],
    limit: number,
    enough: number,
    maxWork: number,
    sets: number[][],
  ): boolean {
    const { messUps } = this.graph;
    const { start, rules } = this.watchers;
    const { bodyStart, body } = this.rules;
    const { holds } = this.closure;
    // For each fact, the pairable candidates whose closure added it (ascending), packed:
    // addedBy[addedByStart[f]] .. addedBy[addedByStart[f + 1] - 1].
    const addedByStart = int32s(this.rules.facts + 1);
    let total = 0;
    for (const { added } of pairable) {
      for (const f of added) addedByStart[f + 1]!++;
      total += added.length;
    }
    for (let f = 0; f < this.rules.facts; f++) addedByStart[f + 1]! += addedByStart[f]!;
    const addedBy = int32s(total);
    const fill = copyOfInt32s(addedByStart);
    pairable.forEach(({ added }, i) => {
      for (const f of added) addedBy[fill[f]!++] = i;
    });
    const addedByA = uint8s(this.rules.facts);
    const partnerOf = int32s(pairable.length, -1);
    // Today's critical facts, kept: each candidate's are found from them and what it added.
    this.criticalFacts();
    const today = this.criticalMarked.length;
    let work = 0;
    const workBefore = this.closure.work;
    for (let i = 0; i < pairable.length; i++) {
      const a = pairable[i]!;
      const costA = messUps[a.m]!.cost;
      for (const f of a.added) addedByA[f] = 1;
      const partners: number[] = [];
      for (const f of a.added) {
        for (let w = start[f]!; w < start[f + 1]!; w++) {
          const r = rules[w]!;
          if (!this.ruleMask[r]) continue;
          work += bodyStart[r + 1]! - bodyStart[r]!;
          for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) {
            const g = body[j]!;
            // The partner must add what neither today nor a holds.
            if (holds[g] || addedByA[g]) continue;
            work += addedByStart[g + 1]! - addedByStart[g]!;
            for (let o = addedByStart[g]!; o < addedByStart[g + 1]!; o++) {
              const k = addedBy[o]!;
              if (k <= i || partnerOf[k] === i) continue;
              if (costA + messUps[pairable[k]!.m]!.cost > limit) continue;
              partnerOf[k] = i;
              partners.push(k);
            }
          }
        }
      }
      for (const f of a.added) addedByA[f] = 0;
      if (work + this.closure.work - workBefore > maxWork) return false;
      if (partners.length === 0) continue;
      partners.sort((x, y) => x - y);
      const mark = this.closure.mark();
      this.apply(a.m);
      this.closure.stopFacts = this.criticalFactsAfter(a.added, today);
      try {
        for (const k of partners) {
          const b = pairable[k]!.m;
          const inner = this.closure.mark();
          if (this.completes(b)) sets.push(a.m < b ? [a.m, b] : [b, a.m]);
          this.closure.undo(inner);
          if (sets.length > enough) return false;
        }
      } finally {
        this.closure.stopFacts = undefined;
        this.closure.stopped = false;
        this.closure.undo(mark);
      }
    }
    return true;
  }

  /**
   * Applies `m`, stopping at the goal or at a stop fact (which leads to it); whether the
   * goal is now within reach. What was derived stays in the closure until undone.
   */
  private completes(m: number): boolean {
    this.closure.stopped = false;
    this.apply(m, this.goal);
    return this.closure.holds[this.goal] === 1 || this.closure.stopped;
  }

  /**
   * Facts whose addition alone makes the goal derivable from the current closure, found
   * backwards through rules missing exactly one body fact. Every fact found is truly
   * critical (the set may miss some, which only costs speed). The set only grows as the
   * closure grows, so an earlier answer stays true.
   */
  private criticalFacts(): Uint8Array {
    // One array for every call (the pairs pass asks once per candidate), cleared where the
    // last call marked it: the previous answer is never needed once a new one is asked for.
    const critical = (this.critical ??= uint8s(this.rules.facts));
    const marked = this.criticalMarked;
    for (const f of marked) critical[f] = 0;
    marked.length = 0;
    critical[this.goal] = 1;
    marked.push(this.goal);
    this.extendCritical(0);
    return critical;
  }

  /**
   * `criticalFacts` once `added` (in full) were derived from the state of the last answer,
   * whose first `kept` facts are today's. Derivations only add to the facts critical before
   * (each still leads to the goal, and none holds, or the goal would), so the answer is
   * those, and the facts behind rules that `added` left one body fact short (of a critical
   * head), and behind those: the set `criticalFacts` finds, at the cost of the rules that
   * hold an added fact instead of every rule of every critical fact. (The pairs ask once per
   * candidate: on layered manifests of 10,000 objects, 2,300 times, 13.5 million rules for
   * `root:worker` and `perm:admin:*` with their 10,000 and 4,300 rules.)
   */
  private criticalFactsAfter(added: readonly number[], kept: number): Uint8Array {
    const critical = this.critical!;
    const marked = this.criticalMarked;
    for (let i = kept; i < marked.length; i++) critical[marked[i]!] = 0;
    marked.length = kept;
    const { start, rules } = this.watchers;
    const { head, bodyStart, body } = this.rules;
    const { holds } = this.closure;
    for (const g of added) {
      for (let w = start[g]!; w < start[g + 1]!; w++) {
        const r = rules[w]!;
        if (!this.ruleMask[r] || !critical[head[r]!] || this.closure.missingOf(r) !== 1) continue;
        for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) {
          const b = body[j]!;
          if (holds[b] || critical[b]) continue;
          critical[b] = 1;
          marked.push(b);
        }
      }
    }
    this.extendCritical(kept);
    return critical;
  }

  /** Marks the facts behind the marked ones from the `from`-th on (see `criticalFacts`). */
  private extendCritical(from: number): void {
    const { byHeadStart, byHead, bodyStart, body } = this.rules;
    const { holds } = this.closure;
    const critical = this.critical!;
    const marked = this.criticalMarked;
    for (let next = from; next < marked.length; next++) {
      const f = marked[next]!;
      for (let i = byHeadStart[f]!; i < byHeadStart[f + 1]!; i++) {
        const r = byHead[i]!;
        if (!this.ruleMask[r] || this.closure.missingOf(r) !== 1) continue;
        for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) {
          const b = body[j]!;
          if (holds[b] || critical[b]) continue;
          critical[b] = 1;
          marked.push(b);
        }
      }
    }
  }

  /**
   * A solution within `set`, without what it does not need: the shortest prefix that
   * reaches the goal, then each mess-up dropped (dearest first) if the rest still does.
   * `keep`, if in `set`, heads the prefix and is tried last.
   */
  minimise(set: readonly number[], keep?: number): number[] {
    const costs = this.graph.messUps;
    this.closure.undo(this.base);
    const prefix: number[] = [];
    // `keep` first in, last out: of the minimal sets within `set`, one with it if one may.
    const ordered =
      keep === undefined || !set.includes(keep) ? set : [keep, ...set.filter((m) => m !== keep)];
    for (const m of ordered) {
      if (this.closure.holds[this.goal]) break;
      prefix.push(m);
      this.apply(m, this.goal);
    }
    this.closure.undo(this.base);
    const order = [...prefix].sort(
      (a, b) => +(a === keep) - +(b === keep) || costs[b]!.cost - costs[a]!.cost || b - a,
    );
    let current = [...prefix];
    for (const m of order) {
      const without = current.filter((x) => x !== m);
      if (this.reaches(without)) current = without;
    }
    return current.sort((a, b) => a - b);
  }

  /** The second layer's arrays for `planThrough`, kept like the first's (see `planSpace`). */
  private throughSpace(): ThroughSpace {
    const n = this.graph.facts.length;
    // A fact enters the heap once per mess-up fact and once per (rule, body fact) pair.
    this.throughHeap ??= mostProvided(this.graph.messUps) + this.rules.body.length + 1;
    const heapCapacity = this.throughHeap;
    const space = keptThrough;
    if (space?.cost.length !== n) {
      return (keptThrough = {
        cost: float64s(n, Infinity),
        via: int32s(n, -1),
        viaBody: int32s(n, -1),
        done: uint8s(n),
        seen: uint8s(n),
        heapCapacity,
      });
    }
    space.cost.fill(Infinity);
    space.via.fill(-1);
    space.viaBody.fill(-1);
    space.done.fill(0);
    space.seen.fill(0);
    space.heapCapacity = heapCapacity;
    return space;
  }

  /**
   * The relaxed plan's arrays, cleared for each plan: sampling the alternatives of a large
   * cluster asks for up to 80 plans, and new arrays for each (a heap sized by the rules, six
   * arrays sized by the facts) were megabytes of garbage per plan. Kept between problems of
   * graphs of the same size too (every goal of an analysis, the next analysis of the cluster):
   * 3 MB on layered manifests of 10,000 objects, made per goal before, outside V8's heap (see
   * sharedHeap). A plan is made and read without pausing, so one set serves every problem.
   */
  private planSpace(): PlanSpace {
    const n = this.graph.facts.length;
    const { bodySize } = this.rules;
    // A fact enters the heap once when it holds or a mess-up provides it, and once per rule
    // deriving it.
    if (this.planHeap === undefined) {
      let provided = 0;
      for (const m of this.candidates) provided += this.graph.messUps[m]!.provides.length;
      this.planHeap = n + provided + mostProvided(this.graph.messUps) + bodySize.length;
    }
    const heapCapacity = this.planHeap;
    const space = keptPlan;
    if (space?.cost.length !== n || space.sum.length !== bodySize.length) {
      return (keptPlan = {
        cost: float64s(n, Infinity),
        viaRule: int32s(n, -1),
        viaMessUp: int32s(n, -1),
        done: uint8s(n),
        seen: uint8s(n),
        heapCapacity,
        remaining: copyOfInt32s(bodySize),
        sum: float64s(bodySize.length),
      });
    }
    space.cost.fill(Infinity);
    space.viaRule.fill(-1);
    space.viaMessUp.fill(-1);
    space.done.fill(0);
    space.seen.fill(0);
    space.heapCapacity = heapCapacity;
    space.remaining.set(bodySize);
    space.sum.fill(0);
    return space;
  }

  /**
   * A good solution fast: the cheapest derivation when costs add up along it (a relaxed
   * plan, found by Knuth's generalisation of Dijkstra to AND/OR graphs), minimised. Its
   * cost is an upper bound; when the proved lower bound meets it, it is the answer. Without
   * the mess-ups in `excluded`: none left that reaches the goal, an empty list.
   */
  relaxedPlan(excluded?: ReadonlySet<number>): number[] {
    const space = this.cheapestDerivations(undefined, excluded);
    if (space.cost[this.goal] === Infinity) return [];
    const chosen = new Set<number>();
    this.readBack(this.goal, space, space.seen, chosen);
    return this.minimise([...chosen].sort((a, b) => a - b));
  }

  /**
   * The cheapest relaxed plan that uses `through`, minimised (which may still drop it, when
   * the plan's other mess-ups reach the goal without it). Two layers of costs: each fact's
   * cheapest derivation, then its cheapest derivation that uses the mess-up, a rule's being
   * one body fact's derivation through it plus the others' cheapest. All costs are
   * non-negative, so each layer settles a fact once and its derivations form no cycle. (A
   * plan through it by a cost a hair below nothing, the way before, let a cycle of rules
   * through its facts lower their costs without end; re-pointed, a fact needed itself, and
   * the plan read back lost its other mess-ups.) Mess-ups in `excluded` are left out of the
   * plan; none that uses it: an empty list. The first layer depends on the exclusions only,
   * not on the mess-up: the last few are kept (the sampling asks for dozens of plans, most
   * with no exclusion or the same few).
   */
  planThrough(through: number, excluded: ReadonlySet<number> = new Set()): number[] {
    const key = [...excluded].sort((a, b) => a - b).join(',');
    let first = this.firstLayers.get(key);
    if (first === undefined) {
      first = snapshot(this.cheapestDerivations(Infinity, excluded));
      if (this.firstLayers.size >= keptFirstLayers)
        this.firstLayers.delete(this.firstLayers.keys().next().value!);
      this.firstLayers.set(key, first);
    }
    const { cost } = first;
    const layer = this.throughSpace();
    const { done, via, viaBody, seen } = layer;
    const heap = sharedHeap(layer.heapCapacity);
    const withCost = layer.cost;
    const own = this.graph.messUps[through]!;
    for (const p of own.provides) {
      if (own.cost < withCost[p]!) {
        withCost[p] = own.cost;
        via[p] = -2;
        heap.push(own.cost, p);
      }
    }
    const { start, rules } = this.watchers;
    const { ruleMask, goal } = this;
    const { head: heads, bodyStart, body } = this.rules;
    while (heap.size > 0) {
      const c = heap.topKey();
      const f = heap.pop();
      if (done[f] || c > withCost[f]!) continue;
      done[f] = 1;
      this.planWork++;
      if (f === goal) break;
      for (let i = start[f]!; i < start[f + 1]!; i++) {
        const r = rules[i]!;
        if (!ruleMask[r]) continue;
        // This body fact through the mess-up, the others at their cheapest.
        let sum = c - cost[f]!;
        for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) sum += cost[body[j]!]!;
        const head = heads[r]!;
        if (!done[head] && sum < withCost[head]!) {
          withCost[head] = sum;
          via[head] = r;
          viaBody[head] = f;
          heap.push(sum, head);
        }
      }
    }
    const chosen = new Set<number>();
    if (!done[goal]) return [];
    // Down the layer through the mess-up, one body fact at a time; the others' cheapest
    // derivations from the first layer.
    for (let f = goal; ;) {
      const r = via[f]!;
      if (r < 0) break;
      for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++)
        if (body[j] !== viaBody[f]) this.readBack(body[j]!, first, seen, chosen);
      f = viaBody[f]!;
    }
    chosen.add(through);
    return this.minimise(
      [...chosen].sort((a, b) => a - b),
      through,
    );
  }

  /**
   * Each fact's cheapest derivation when costs add up (what holds today costs nothing, a
   * candidate's facts its cost), settled cheapest first: to the goal's, or, given a limit,
   * every fact's up to it.
   */
  private cheapestDerivations(limit?: number, excluded?: ReadonlySet<number>): PlanSpace {
    const { graph } = this;
    this.closure.undo(this.base);
    const n = graph.facts.length;
    const space = this.planSpace();
    const { cost, viaRule, viaMessUp, done, remaining, sum } = space;
    const heap = sharedHeap(space.heapCapacity);
    const { head: heads } = this.rules;
    for (let f = 0; f < n; f++) {
      if (this.closure.holds[f]) {
        cost[f] = 0;
        heap.push(0, f);
      }
    }
    for (const m of this.candidates) {
      if (excluded?.has(m)) continue;
      const c = graph.messUps[m]!.cost;
      for (const p of graph.messUps[m]!.provides) {
        if (c < cost[p]!) {
          cost[p] = c;
          viaMessUp[p] = m;
          heap.push(c, p);
        }
      }
    }
    const { start, rules } = this.watchers;
    const { ruleMask, goal } = this;
    while (heap.size > 0) {
      const c = heap.topKey();
      if (limit !== undefined && c > limit) break;
      const f = heap.pop();
      if (done[f] || c > cost[f]!) continue;
      done[f] = 1;
      this.planWork++;
      if (f === goal && limit === undefined) break;
      for (let i = start[f]!; i < start[f + 1]!; i++) {
        const r = rules[i]!;
        if (!ruleMask[r]) continue;
        sum[r]! += c;
        if (--remaining[r]! > 0) continue;
        const head = heads[r]!;
        if (sum[r]! < cost[head]!) {
          cost[head] = sum[r]!;
          viaRule[head] = r;
          viaMessUp[head] = -1;
          heap.push(sum[r]!, head);
        }
      }
    }
    heap.size = 0;
    return space;
  }

  /** Adds to `chosen` the mess-ups of `fact`'s cheapest derivation (`seen`: facts read). */
  private readBack(
    fact: number,
    derivations: Derivations,
    seen: Uint8Array,
    chosen: Set<number>,
  ): void {
    const { viaRule, viaMessUp } = derivations;
    const { bodyStart, body } = this.rules;
    const stack = [fact];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen[f]) continue;
      seen[f] = 1;
      const r = viaRule[f]!;
      if (viaMessUp[f]! >= 0) chosen.add(viaMessUp[f]!);
      else if (r >= 0) for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) stack.push(body[j]!);
    }
  }

  /**
   * The landmark-cut bound with `free` given: its cuts are cores of the whole problem (a
   * solution with `free` added still reaches the goal, so it hits every cut), none of them
   * holding a mess-up of `free`. Mess-ups in `excluded` are left out (so the cuts are cores
   * only of the solutions without them).
   */
  landmarks(free: readonly number[], excluded?: Uint8Array): LandmarkCut {
    this.closure.undo(this.base);
    for (const m of free) this.apply(m);
    const inFree = new Set(free);
    const { messUps } = this.graph;
    const result = landmarkCut({
      rules: this.rules,
      watchers: this.watchers,
      ruleMask: this.ruleMask,
      goal: this.goal,
      holds: this.closure.holds,
      candidates: this.candidates.filter((m) => !inFree.has(m) && !excluded?.[m]),
      costs: this.costs,
      provides: (m) => messUps[m]!.provides,
    });
    this.closure.undo(this.base);
    return result;
  }

  /**
   * The exact search along chains of rules (`pathSearch`) for a set cheaper than `bestCost`;
   * or the sets up to a limit (`list`); undefined when some relevant rule needs two derived
   * facts, where it does not apply.
   */
  *paths(
    bestCost: number,
    budget: { nodes: number },
    list?: PathListing,
  ): Generator<void, PathSearchResult | undefined> {
    this.closure.undo(this.base);
    if (!derivationsArePaths(this.rules, this.ruleMask, this.closure.holds)) return undefined;
    const { messUps } = this.graph;
    return yield* pathSearch(
      {
        rules: this.rules,
        ruleMask: this.ruleMask,
        closure: this.closure,
        goal: this.goal,
        candidates: this.candidates,
        costs: this.costs,
        provides: (m) => messUps[m]!.provides,
      },
      bestCost,
      budget,
      list,
    );
  }

  /** A closure with `set` applied, for the witness; the caller reads it, then calls `reset`. */
  derive(set: readonly number[]): Closure {
    this.closure.undo(this.base);
    for (const m of set) this.apply(m);
    return this.closure;
  }

  reset(): void {
    this.closure.undo(this.base);
  }

  work(): number {
    return this.closure.work + this.planWork;
  }

  holdsToday(): boolean {
    return this.closure.holds[this.goal] === 1;
  }
}

/** The arrays of one relaxed plan (see GoalProblem.planSpace). */
interface ThroughSpace {
  cost: Float64Array;
  /** The rule deriving the fact through the mess-up; -2 where the mess-up provides it. */
  via: Int32Array;
  /** The body fact of that rule whose derivation goes through the mess-up. */
  viaBody: Int32Array;
  done: Uint8Array;
  /** Facts of the first layer read back into the plan. */
  seen: Uint8Array;
  /** Room the layer needs in the shared heap. */
  heapCapacity: number;
}

/** Each fact's cheapest derivation: its cost, and the rule or the mess-up that gives it. */
interface Derivations {
  cost: Float64Array;
  viaRule: Int32Array;
  viaMessUp: Int32Array;
}

/** First layers of plans kept at once: no exclusion, and the routes listed before sampling. */
const keptFirstLayers = 2;

/** A copy of the derivations in `space`, which the next plan overwrites. */
function snapshot(space: Derivations): Derivations {
  return {
    cost: space.cost.slice(),
    viaRule: space.viaRule.slice(),
    viaMessUp: space.viaMessUp.slice(),
  };
}

/** The most facts one mess-up provides. */
function mostProvided(messUps: AttackGraph['messUps']): number {
  let most = 0;
  for (const m of messUps) most = Math.max(most, m.provides.length);
  return most;
}

/** The last plan's arrays and its second layer's, for the next problem of the same size. */
let keptPlan: PlanSpace | undefined;
let keptThrough: ThroughSpace | undefined;

interface PlanSpace {
  cost: Float64Array;
  viaRule: Int32Array;
  viaMessUp: Int32Array;
  done: Uint8Array;
  seen: Uint8Array;
  /** Room the plan needs in the shared heap (see `sharedHeap`). */
  heapCapacity: number;
  remaining: Int32Array;
  sum: Float64Array;
}

/** The distance of a fact from which the goal cannot be derived. */
const unreached = 1 << 30;

// Arrays of one call (see `scratchSlot`): the search backwards from a goal, and the candidates'
// order.
const goalQueue = scratchSlot();
const candidateDepth = scratchSlot();
const candidatesFrom = scratchSlot();

/**
 * Rule steps from each fact to the goal, backwards (breadth-first), and the rules that
 * derive a fact at a finite distance: the only ones that can matter for the goal.
 */
function distancesToGoal(
  rules: FlatRules,
  goal: number,
): { depth: Int32Array; ruleMask: Uint8Array } {
  const { byHeadStart, byHead, bodyStart, body } = rules;
  const depth = int32s(rules.facts, unreached);
  const ruleMask = uint8s(rules.head.length);
  depth[goal] = 0;
  // A queue in one array: each fact enters once, when first reached (at its least depth, the
  // facts leaving in order of depth). Lists of each depth's facts, the way before, were young
  // garbage the size of the graph per goal.
  const queue = scratchInt32s(goalQueue, rules.facts);
  let length = 0;
  queue[length++] = goal;
  for (let next = 0; next < length; next++) {
    const f = queue[next]!;
    for (let i = byHeadStart[f]!; i < byHeadStart[f + 1]!; i++) {
      const r = byHead[i]!;
      ruleMask[r] = 1;
      for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) {
        const b = body[j]!;
        if (depth[b]! > depth[f]! + 1) {
          depth[b] = depth[f]! + 1;
          queue[length++] = b;
        }
      }
    }
  }
  return { depth, ruleMask };
}

const unreachable: GoalSolution = {
  best: null,
  lowerBound: Infinity,
  exact: true,
  alternatives: [],
  alternativesTruncated: false,
};

export interface Solved {
  problem?: GoalProblem;
  solution: GoalSolution;
}

export function solveGoal(
  graph: AttackGraph,
  goalKey: string,
  limits: SolveLimits = defaultLimits,
  watchers = watchersOf(graph),
): Solved {
  return runToEnd(solveGoalSteps(graph, goalKey, limits, watchers));
}

/** Runs a stepwise computation to its end, without pausing. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * `solveGoal` in steps: it pauses (yields) between rounds of the search, so a caller can
 * spread a long proof over slices of time and drop it between two (the page's worker
 * does). Run to its end, it gives the same answer as `solveGoal`.
 */
export function* solveGoalSteps(
  graph: AttackGraph,
  goalKey: string,
  limits: SolveLimits = defaultLimits,
  watchers = watchersOf(graph),
): Generator<void, Solved> {
  const goal = graph.idOf(goalKey);
  // No rule can ever derive it: unreachable, and provably so.
  if (goal === undefined) return { solution: unreachable };
  const problem = new GoalProblem(graph, watchers, goal);
  const cost = (set: readonly number[]) => costOf(graph, set);
  if (problem.holdsToday()) {
    return {
      problem,
      solution: {
        best: { messUps: [], cost: 0 },
        lowerBound: 0,
        exact: true,
        alternatives: [],
        alternativesTruncated: false,
      },
    };
  }
  const all = problem.candidates;
  if (!problem.reaches(all)) return { problem, solution: unreachable };

  const costs = graph.messUps.map((m) => m.cost);
  // The candidates' costs, cheapest first: the least one mess-up costs, and whether three fit.
  const ascending = float64s(all.length);
  for (let i = 0; i < all.length; i++) ascending[i] = costs[all[i]!]!;
  ascending.sort();
  const budget: HittingSetBudget = { nodes: limits.maxNodes };
  const hitting = new HittingSets(costs);
  const plan = problem.relaxedPlan();
  let best: Solution = { messUps: plan, cost: cost(plan) };
  // The goal does not hold today, so at least one mess-up is needed.
  let lowerBound = ascending[0]!;
  let exact = lowerBound >= best.cost;
  // Single mess-ups, each tried alone (a closure each): the cheapest that reaches is the best
  // so far, and any other solution has two mess-ups at least. The hitting-set loop would
  // refute the singles one round at a time, thousands of rounds on a large random graph.
  if (!exact && all.length > 1) {
    for (const m of problem.singles(best.cost - 1e-9))
      if (costs[m]! < best.cost) best = { messUps: [m], cost: costs[m]! };
    lowerBound = Math.max(lowerBound, Math.min(best.cost, ascending[0]! + ascending[1]!));
    exact = lowerBound >= best.cost;
  }
  // The landmark-cut bound: on chains and layers of defences it is the MUT itself (so the
  // relaxed plan is proved at once), and its cuts are cores for the loop below.
  if (!exact) {
    const lm = problem.landmarks([]);
    lowerBound = Math.max(lowerBound, Math.min(best.cost, lm.bound));
    for (const cut of lm.cuts) hitting.addCore(cut);
    exact = lowerBound >= best.cost;
  }
  // Chains of rules: an exact search of its own, where the loop's cores would be hundreds of
  // mess-ups each (random Horn graphs).
  // Frames the search along chains spent on the proof, when it gave it: what listing the
  // alternatives the same way may cost.
  let pathProof = 0;
  if (!exact) {
    // A budget of its own (a quarter of the loop's): where it runs out, the loop below still
    // has all of its own, as before the search existed.
    const paths = { nodes: Math.max(1, Math.round(limits.maxNodes / 4)) };
    const found = yield* problem.paths(best.cost, paths);
    // A set it reports reaches the goal by construction; checked all the same, and a search
    // that reported one that does not proves nothing.
    const valid = found !== undefined && (!found.better || problem.reaches(found.better));
    if (valid && found.better) best = { messUps: found.better, cost: found.cost };
    if (valid && found.complete) {
      lowerBound = best.cost;
      exact = true;
      pathProof = Math.max(1, Math.round(limits.maxNodes / 4) - paths.nodes);
    }
  }
  // Disjoint cores first: each found with the earlier ones' mess-ups given for free, so no
  // two share a mess-up and every solution pays for one of each. On layered defences this
  // alone proves the bound: one core per layer.
  if (!exact) {
    disjointCores(problem, hitting, [], limits.maxRounds);
    const hit = hitting.cheapest(best.cost - 1e-9, budget);
    if (hit !== 'budget') {
      if (hit === undefined) lowerBound = best.cost;
      else lowerBound = Math.max(lowerBound, hit.cost);
      exact = lowerBound >= best.cost;
    }
  }
  for (let round = 0; round < limits.maxRounds && !exact; round++) {
    yield;
    // Only a set cheaper than the best known one is worth looking for.
    const hit = hitting.cheapest(best.cost - 1e-9, budget);
    if (hit === 'budget') break;
    if (hit === undefined) {
      // Nothing cheaper hits every core, and every solution does: the best is optimal.
      lowerBound = best.cost;
      exact = true;
      break;
    }
    lowerBound = Math.max(lowerBound, hit.cost);
    if (problem.reaches(hit.set)) {
      best = { messUps: hit.set, cost: hit.cost };
      lowerBound = hit.cost;
      exact = true;
    } else disjointCores(problem, hitting, hit.set, limits.maxRounds);
  }

  // How many sets at MUT are listed to choose the witness from, and at most ranked.
  const pool = witnessPool(limits, graph);
  const alternatives: Solution[] = [];
  let alternativesTruncated = false;
  const listed =
    exact && limits.alternativesCap > 0 && pathProof > 0
      ? yield* alternativesAlongPaths(problem, best, pathProof, limits)
      : undefined;
  if (listed) {
    alternatives.push(...listed.alternatives);
    alternativesTruncated = listed.truncated;
  } else if (exact && limits.alternativesCap > 0) {
    // Every other minimal set up to MUT + 1. Sets of one and two mess-ups come from direct
    // passes, whatever the cluster's size: they are the likeliest ways in, and the
    // hitting-set loop would find them one round at a time.
    const limit = best.cost + 1;
    // Best and the pool the witness is chosen from, and one more to know the list was cut.
    // (A fiftieth of the work budget, what the pairs had before the larger sets were sampled:
    // a large cluster's pairs are many, and mostly fail.)
    const small = problem.smallSets(limit, ascending[0]!, pool + 1, limits.alternativeWork / 50);
    for (const set of small.sets)
      if (!sameSet(set, best.messUps)) alternatives.push({ messUps: set, cost: cost(set) });
    const [c1, c2, c3] = ascending;
    const largerFit = c3 !== undefined && c1! + c2! + c3 <= limit;
    alternativesTruncated = !small.complete;
    if (alternatives.length > pool) {
      alternativesTruncated = true;
      // The level at MUT is full from pairs alone (layered defences of MUT 2: a front and a
      // back of one mess-up each, 98 pairs at 40 objects); the level above, sets of three,
      // only from the samples of the larger sets (none listed before).
      if (largerFit) {
        hitting.addBlock(best.messUps);
        for (const a of alternatives) hitting.addBlock(a.messUps);
        yield;
        yield* largerSets(problem, hitting, best.messUps, best.cost, limits, alternatives, true);
      }
    } else if (largerFit) {
      // Larger sets from the hitting-set loop, with every set found so far blocked.
      hitting.addBlock(best.messUps);
      for (const a of alternatives) hitting.addBlock(a.messUps);
      yield;
      if (yield* largerSets(problem, hitting, best.messUps, best.cost, limits, alternatives))
        alternativesTruncated = true;
    }
  }
  // The loop may stop refuting sets that do not reach when every set is listed already (wide
  // OR: each way found, the rounds spent proving no mixture of ways reaches): "cut" would tell
  // of ways in that are not there. Along chains, a listing that runs to its end settles it.
  // (Not when more are listed than the cap shows: cut whatever the search.)
  const shownAll = alternatives.length <= limits.alternativesCap;
  if (exact && alternativesTruncated && !listed && shownAll && limits.alternativesCap > 0) {
    yield;
    if (yield* everySetListed(problem, [best, ...alternatives], limits))
      alternativesTruncated = false;
  }
  // Not proved: the alternatives were never searched, and the empty list says nothing.
  if (!exact) alternativesTruncated = true;
  // The witness is the first of the sets at MUT in the canonical order, not the first the
  // search met: the search's order follows the input's (an unrelated object shifts indexes),
  // the canonical one only the sets' own mess-ups. Canonical only when every set at MUT is
  // listed: so the level at MUT is listed past what is shown, up to the witness pool. Of sets
  // as cheap, the one with the shortest attack first (the simplest to watch), then by ids; a
  // proof each, so only for the sets at MUT.
  const ranked = [best, ...alternatives];
  let atMut = ranked.filter((a) => a.cost <= best.cost + 1e-9);
  // A level larger than the pool (a cluster dump: hundreds of single mess-ups, all found by one
  // pass) is ranked over its first sets in id order only, so the choice stays canonical and
  // the ranking's proofs stay within the pool: ranking all of them was most of a dump's
  // search, growing as the square of its size.
  if (atMut.length > pool) {
    sortByCostThenIds(graph, atMut);
    atMut = atMut.slice(0, pool);
  }
  const lengths =
    atMut.length > 1
      ? attackLengths(
          graph,
          problem,
          atMut.map((a) => a.messUps),
        )
      : [];
  const length = new Map(lengths.map((l, i) => [atMut[i]!, l]));
  sortByCostThenIds(graph, ranked, length);
  const [chosen, ...rest] = exact ? ranked : [best, ...alternatives];
  // Shown: up to half the cap at MUT (the witness counts), the rest above, a level with fewer
  // leaving its room to the other.
  const cap = limits.alternativesCap;
  const restAtMut = rest.filter((a) => a.cost <= best.cost + 1e-9);
  const above = rest.filter((a) => a.cost > best.cost + 1e-9);
  const fromMut = Math.min(restAtMut.length, Math.max(Math.ceil(cap / 2) - 1, cap - above.length));
  const others = [...restAtMut.slice(0, fromMut), ...above.slice(0, cap - fromMut)];
  if (others.length < rest.length) alternativesTruncated = true;
  return {
    problem,
    solution: {
      best: chosen!,
      lowerBound,
      exact,
      alternatives: others,
      alternativesTruncated,
    },
  };
}

/**
 * Cores that share no mess-up, the first grown from `start` (a set that does not reach the
 * goal), each next one with the mess-ups of `start` and of the cores before it given for
 * free, until those reach the goal. Each is a core of the whole problem: a solution missing
 * it would lie within a set that fails (the free mess-ups and what the growth added).
 */
function disjointCores(
  problem: GoalProblem,
  hitting: HittingSets,
  start: readonly number[],
  most: number,
): number {
  const free = [...start];
  let found = 0;
  while (found < most && !problem.reaches(free)) {
    const core = problem.core(free);
    hitting.addCore(core);
    found++;
    for (const m of core) free.push(m);
  }
  return found;
}

/**
 * The alternatives when the search along chains proved the MUT: the same search lists every
 * set up to MUT + 1, each minimised, so the list is complete. Up to half the cap at MUT (the
 * best counts), the rest at MUT + 1, a level with fewer leaving its room to the other; within a
 * level, in the canonical order. Each level's listing stops past a few times the proof's
 * frames or when it met more sets than it can use (layered defences have thousands at MUT);
 * what it met is then used if the level has its share, else undefined: the loop's way then.
 */
function* alternativesAlongPaths(
  problem: GoalProblem,
  best: Solution,
  proofFrames: number,
  limits: SolveLimits,
): Generator<void, { alternatives: Solution[]; truncated: boolean } | undefined> {
  const graph = problem.graph;
  const mut = best.cost;
  const cap = limits.alternativesCap;
  const perLevel = Math.ceil(cap / 2);
  const seen = new Set([best.messUps.join(',')]);
  const atMut: Solution[] = [];
  const above: Solution[] = [];
  // The level at MUT first, apart: listing up to MUT + 1 at once spends its budget on the
  // many sets above and may stop before it has those at MUT.
  let complete = true;
  for (const limit of [mut, mut + 1]) {
    const budget = { nodes: Math.min(limits.alternativeNodes, 4 * proofFrames + 1000) };
    const found = yield* problem.paths(mut, budget, { limit, most: 8 * cap });
    if (!found) return undefined;
    for (const set of found.sets) {
      const minimal = problem.minimise(set);
      const key = minimal.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      const cost = costOf(graph, minimal);
      (cost <= mut + 1e-9 ? atMut : above).push({ messUps: minimal, cost });
    }
    // Cut short, what it met is still a list of distinct minimal sets, used when the level
    // has its share; else the loop may find more.
    const level = limit === mut ? atMut.length + 1 : above.length;
    if (!found.complete && level < perLevel) return undefined;
    complete &&= found.complete;
  }
  sortByCostThenIds(graph, atMut);
  sortByCostThenIds(graph, above);
  const fromMut = Math.min(atMut.length, Math.max(perLevel - 1, cap - above.length));
  const fromAbove = Math.min(above.length, cap - fromMut);
  return {
    alternatives: [...atMut.slice(0, fromMut), ...above.slice(0, fromAbove)],
    truncated: !complete || fromMut + fromAbove < atMut.length + above.length,
  };
}

/** What the mess-ups of `set` cost together. */
function costOf(graph: AttackGraph, set: readonly number[]): number {
  let sum = 0;
  for (const m of set) sum += graph.messUps[m]!.cost;
  return sum;
}

/**
 * Whether `listed` (the best first) holds every minimal set up to MUT + 1, proved by the
 * search along chains listing them all; false when it cannot tell (a rule needs two derived
 * facts, its budget ran out, or it met many more sets than listed) or when it met a set not
 * listed. The budget grows with the list: wide OR took about 20 frames a set (100 objects, 15
 * sets: 286), where a flat 50,000 spent on a deep chain of 10,000 objects that has more sets
 * than the cap doubled its solve.
 */
function* everySetListed(
  problem: GoalProblem,
  listed: readonly Solution[],
  limits: SolveLimits,
): Generator<void, boolean> {
  const mut = listed[0]!.cost;
  const budget = { nodes: Math.min(limits.alternativeNodes, 1000 + 100 * listed.length) };
  // Sets met may come again or hold more than they need: room for a few times the list.
  const most = 4 * listed.length;
  const found = yield* problem.paths(mut, budget, { limit: mut + 1, most });
  if (!found?.complete) return false;
  const keys = new Set(listed.map((s) => s.messUps.join(',')));
  // A set met may hold more than it needs, or come again: its minimal part is what counts.
  const checked = new Set<string>();
  for (const set of found.sets) {
    const key = set.join(',');
    if (keys.has(key) || checked.has(key)) continue;
    checked.add(key);
    if (!keys.has(problem.minimise(set).join(','))) return false;
  }
  return true;
}

/**
 * Adds the minimal sets of three or more mess-ups of cost `mut` and `mut + 1`.
 *
 * Exactly, first: cheapest hitting sets of the cores, each either reported and blocked or
 * refuted with new cores (`refute`); those at `mut` up to half the cap (the best counts). Bounded by
 * rounds, branch-and-bound nodes and derived facts (half the work budget).
 *
 * Then by sampling: a relaxed plan through each mess-up no listed set has (nearest the goal
 * first), minimised, kept when it costs at most `mut + 1`, is new and its level has room. On
 * layered defences the sets at `mut` are as many as pairs of namespaces, and the loop above
 * never reaches the level above; and where it does, each of its rounds costs a pass over the
 * graph and the sets at `mut + 1` are few among the sets it must refute, so it meets them
 * late or not at all (layered manifests of 100 objects: none in 60 rounds). A plan is a pass
 * or two and often gives a set; the sampling stops after as many plans in a row as the cap
 * without a new one.
 *
 * Then, while the level at `mut + 1` has fewer than its share: parts of listed sets swapped
 * (`swappedParts`).
 *
 * Last, when the loop had listed every set at `mut`: one search through every set hitting the
 * cores at `mut + 1` (`HittingSets.enumerate`), with the sampled sets blocked, so a list it
 * exhausts is complete. Its rounds are the sets it gives, as the loop's were. Where a quarter of
 * the budget holds ten of its rounds, the samples before it are quick ones, and go on after it
 * only if it stopped short.
 *
 * `atMutFull`: the level at `mut` already has more sets than the witness pool (the loop at
 * it is skipped). True when the list may miss sets (it stopped before it had them all).
 */
function* largerSets(
  problem: GoalProblem,
  hitting: HittingSets,
  best: readonly number[],
  mut: number,
  limits: SolveLimits,
  alternatives: Solution[],
  atMutFull = false,
): Generator<void, boolean> {
  const graph = problem.graph;
  const cost = (set: readonly number[]) => costOf(graph, set);
  const startWork = problem.work();
  const spent = () => problem.work() - startWork;
  const budget: HittingSetBudget = { nodes: limits.alternativeNodes };
  // Sets at `mut` are listed up to the witness pool, those above up to the cap.
  const pool = witnessPool(limits, graph);
  const atMut = () => 1 + alternatives.filter((a) => a.cost <= mut + 1e-9).length;
  const aboveMut = () => alternatives.filter((a) => a.cost > mut + 1e-9).length;
  let lastRound = Math.ceil(graph.facts.length / 2);
  let rounds = 0;
  /** One round; 'done' when the search is exhausted, 'stop' when a limit was hit. */
  const round = (limit: number, work: number): 'done' | 'stop' | 'more' => {
    // Stop before a round that would overrun the budget, judging by the last one.
    if (rounds++ >= limits.alternativeRounds) return 'stop';
    if (spent() + lastRound > work) return 'stop';
    const before = problem.work();
    const hit = hitting.cheapest(limit, budget);
    if (hit === 'budget') return 'stop';
    if (hit === undefined) return 'done';
    if (problem.reaches(hit.set)) {
      // The cheapest unblocked set that reaches is minimal: a smaller one would be cheaper,
      // and unblocked too.
      if (limit === mut ? atMut() >= pool : aboveMut() >= limits.alternativesCap) return 'stop';
      alternatives.push({ messUps: hit.set, cost: hit.cost });
      hitting.addBlock(hit.set);
    } else refute(problem, hitting, hit.set, limits.maxRounds);
    lastRound = problem.work() - before;
    return 'more';
  };
  // A full level at MUT (more sets than the pool): no round of the loop at it.
  let level = atMutFull ? 'stop' : round(mut, limits.alternativeWork / 2);
  while (level === 'more' && atMut() < pool) {
    yield;
    level = round(mut, limits.alternativeWork / 2);
  }
  const everyAtMut = level === 'done';

  // Sampling: plans count the facts they settle as work. Up to three quarters of the budget,
  // when the loop is to go on after it and the quarter left holds ten of its rounds at least
  // (judging by the last): fewer list next to nothing, and the sampling needs the budget more
  // (layered manifests of 10,000 objects, whose level at MUT the loop lists whole since it has a
  // second core a round: a round of 66,000 to 157,000 facts, and 10 sets sampled at MUT + 1 with
  // three quarters against 19 with all of it).
  const reserve = everyAtMut && limits.alternativeWork / 4 >= 10 * lastRound;
  const sampleWork = reserve ? (3 * limits.alternativeWork) / 4 : limits.alternativeWork;
  const listed = new Set<number>([...best, ...alternatives.flatMap((a) => a.messUps)]);
  const seen = new Set([best, ...alternatives.map((a) => a.messUps)].map((s) => s.join(',')));
  // The routes listed so far, which a plan through another mess-up most often goes round by.
  const listedRoutes: ReadonlySet<number> = new Set(listed);
  const nothing: ReadonlySet<number> = new Set();
  let sampledUpTo = 0;
  const avoided = new Set<number>();
  /** The samples, each kind stopping after `barrenLimit` plans in a row without a new set. */
  function* sample(barrenLimit: number, work: number, swap: boolean): Generator<void> {
    let tries = 0;
    // Tries since the last new set: a long run of none says the rest are alike.
    let barren = 0;
    sampling: for (; sampledUpTo < problem.candidates.length; sampledUpTo++) {
      const m = problem.candidates[sampledUpTo]!;
      if (aboveMut() >= limits.alternativesCap || tries >= 4 * limits.alternativesCap) break;
      if (barren >= barrenLimit) break;
      if (listed.has(m)) continue;
      tries++;
      barren++;
      // A plan through `m` that minimises to a listed set went round `m` by that set's route:
      // the second try leaves out the routes listed before the sampling (the same for every
      // mess-up, so its first layer is made once; a third try, leaving out the route it went
      // round by too, found no more on the families of bench/families.ts).
      for (const excluded of [nothing, listedRoutes]) {
        if (spent() + lastRound > work) break sampling;
        yield;
        const before = problem.work();
        const set = problem.planThrough(m, excluded);
        lastRound = problem.work() - before;
        if (set.length === 0) break;
        const key = set.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        const c = cost(set);
        if (c > mut + 1 + 1e-9 || !problem.reaches(set)) break;
        for (const x of set) listed.add(x);
        hitting.addBlock(set);
        barren = 0;
        if (c > mut + 1e-9 || atMut() < pool) alternatives.push({ messUps: set, cost: c });
        break;
      }
    }
    // Plans that avoid one mess-up of a listed set, each: the next cheapest routes, where plans
    // through a mess-up cost more than `mut + 1` (random Horn graphs: a relaxed plan counts a
    // shared step once per use, and forced through a far mess-up it overshoots).
    barren = 0;
    avoiding: for (let i = 0; i < 1 + alternatives.length; i++) {
      const set = i === 0 ? best : alternatives[i - 1]!.messUps;
      for (const m of set) {
        if (aboveMut() >= limits.alternativesCap || barren >= barrenLimit) break avoiding;
        if (avoided.has(m)) continue;
        if (spent() + lastRound > work) break avoiding;
        avoided.add(m);
        barren++;
        yield;
        const before = problem.work();
        const plan = problem.relaxedPlan(new Set([m]));
        lastRound = problem.work() - before;
        const key = plan.join(',');
        if (plan.length === 0 || seen.has(key)) continue;
        seen.add(key);
        const c = cost(plan);
        if (c > mut + 1 + 1e-9 || !problem.reaches(plan)) continue;
        hitting.addBlock(plan);
        barren = 0;
        if (c > mut + 1e-9 || atMut() < pool) alternatives.push({ messUps: plan, cost: c });
      }
    }
    if (swap)
      yield* swappedParts(problem, hitting, best, mut, limits, alternatives, {
        seen,
        budget: () => work - spent(),
      });
  }
  /** The search at `mut + 1` (below); true when it stopped before the end. */
  function* above(work: number): Generator<void, boolean> {
    const sets = hitting.enumerate(mut + 1, budget);
    for (;;) {
      if (rounds++ >= limits.alternativeRounds) return true;
      if (spent() + lastRound > work) return true;
      yield;
      const before = problem.work();
      const hit = sets.next();
      if (hit === 'budget') return true;
      if (hit === 'done') return false;
      if (problem.reaches(hit.set)) {
        if (aboveMut() >= limits.alternativesCap) return true;
        const minimal = problem.minimise(hit.set);
        alternatives.push({ messUps: minimal, cost: cost(minimal) });
        hitting.addBlock(minimal);
      } else refute(problem, hitting, hit.set, limits.maxRounds);
      lastRound = problem.work() - before;
    }
  }
  const cap = limits.alternativesCap;
  if (!everyAtMut) {
    yield* sample(cap, sampleWork, true);
    return true;
  }
  if (!reserve) {
    yield* sample(cap, sampleWork, true);
    return yield* above(limits.alternativeWork);
  }
  // The search at `mut + 1` lists what the samples would, and whether that is all: a quick
  // sample first (a quarter of the cap's plans in a row without a new set, no swapped parts),
  // the search with a quarter of the budget, and only when it stops short, the samples on from
  // where they were. The long runs of plans that found nothing new were most of the samples'
  // time (layered manifests of 100 objects: over a hundred plans for 7 sets, the search then
  // listing the other 7 in 43 rounds; now 15 to 20% less processor time for the whole
  // analysis, the same 14).
  yield* sample(Math.ceil(cap / 4), sampleWork, false);
  if (!(yield* above(spent() + limits.alternativeWork / 4))) return false;
  // What it listed, the samples are not to list again.
  for (const a of alternatives) {
    seen.add(a.messUps.join(','));
    for (const x of a.messUps) listed.add(x);
  }
  lastRound = 0;
  yield* sample(cap, limits.alternativeWork, true);
  return true;
}

/**
 * Cores that `set` (which does not reach the goal) misses, for the alternatives' loops: the
 * disjoint cores grown from it, and the one grown from it farthest from the goal first. On
 * layered defences the two differ where it counts: each refutes the sets mixing two
 * namespaces' parts (one namespace's front, another's back) one way round. The disjoint cores
 * alone refuted one such mixture a round: layered manifests of 100 objects (14 namespaces) took
 * 31 rounds to list the 2 sets at MUT and had 7 of the 14 at MUT + 1 when the rounds ran out;
 * with the second core, 5 rounds and all 14 (the list not cut). Grown farthest first, a set
 * may derive much of the cluster before it is maximal (layered manifests of 1,000 objects: 20
 * times the first core's facts), so that core is given up past four times the first's work.
 */
function refute(
  problem: GoalProblem,
  hitting: HittingSets,
  set: readonly number[],
  most: number,
): void {
  const before = problem.work();
  disjointCores(problem, hitting, set, most);
  const other = problem.core(set, true, 4 * (problem.work() - before) + 64);
  if (other) hitting.addCore(other);
}

/**
 * More sets at `mut + 1` when the level has fewer than its share (half the cap): for each
 * listed set, a plan through one of its mess-ups that avoids another of them, so one part of
 * the attack is kept and another one replaced. The samples before it run out where every
 * mess-up is already in a listed set (small layered defences: the sets at `mut + 1` pair the
 * one dearer front with any back, and the plans through it always took the same back) or
 * where the cheapest plan avoiding a mess-up is always at `mut` (random Horn graphs of 10,000
 * objects: none at `mut + 1` before). Plans that change nothing are frequent, so it stops
 * after the cap's worth of plans in a row without a new set, or when `budget` (work) is spent.
 */
function* swappedParts(
  problem: GoalProblem,
  hitting: HittingSets,
  best: readonly number[],
  mut: number,
  limits: SolveLimits,
  alternatives: Solution[],
  sample: { seen: Set<string>; budget: () => number },
): Generator<void> {
  const graph = problem.graph;
  const cap = limits.alternativesCap;
  const share = Math.ceil(cap / 2);
  const aboveMut = () => alternatives.filter((a) => a.cost > mut + 1e-9).length;
  if (aboveMut() >= share) return;
  const { seen } = sample;
  let barren = 0;
  // Plans made, found or not: where the kept mess-up always needs the avoided one (wide OR:
  // each way's mess-ups all needed together), none counts as barren, and every pair of every
  // listed set was tried (wide OR, MUT 7, 10,000 objects: 56 → 146 ms).
  let tries = 0;
  let lastPlan = 0;
  // Sets at `mut + 1` first, those found here too: one is the likeliest start of another
  // (keep its dearer part, replace the other); a set at `mut` swaps mostly into sets at `mut`.
  const fromAbove = alternatives.filter((a) => a.cost > mut + 1e-9).map((a) => a.messUps);
  const fromMut = [best, ...alternatives.filter((a) => a.cost <= mut + 1e-9).map((a) => a.messUps)];
  for (let a = 0, b = 0; a < fromAbove.length || b < fromMut.length;) {
    const set = a < fromAbove.length ? fromAbove[a++]! : fromMut[b++]!;
    for (const avoid of set) {
      const excluded = new Set([avoid]);
      // Mess-ups of a plan already made avoiding `avoid`: a plan through one of them is most
      // likely the same plan, or one as cheap.
      const covered = new Set<number>();
      for (const through of set) {
        if (through === avoid || covered.has(through)) continue;
        if (aboveMut() >= share || barren >= cap || lastPlan > sample.budget()) return;
        if (tries++ >= 4 * cap) return;
        yield;
        const before = problem.work();
        const plan = problem.planThrough(through, excluded);
        lastPlan = problem.work() - before;
        // None: `through` needs what `avoid` gives (the same part of the attack); not a try.
        if (plan.length === 0) continue;
        for (const m of plan) covered.add(m);
        barren++;
        const key = plan.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        const c = costOf(graph, plan);
        // Only the level above: the level at `mut` is listed up to the witness pool already.
        if (c <= mut + 1e-9 || c > mut + 1 + 1e-9 || !problem.reaches(plan)) continue;
        hitting.addBlock(plan);
        alternatives.push({ messUps: plan, cost: c });
        fromAbove.push(plan);
        barren = 0;
      }
    }
  }
}

/**
 * How many sets at MUT are listed to choose the witness from (those shown are fewer): a level
 * this size or smaller is listed whole, so its canonical first is the witness whatever the
 * search's order. Four times the cap on graphs of up to 20,000 facts (every scenario, and a
 * cluster of a few thousand objects), fewer on larger ones down to the cap and one: ranking
 * takes a closure per set, and on a cluster dump (MUT 1, hundreds of single mess-ups) it was
 * most of the search already with the cap.
 */
function witnessPool(limits: SolveLimits, graph: AttackGraph): number {
  const cap = limits.alternativesCap;
  const affordable = Math.floor(rankingFacts / Math.max(1, graph.facts.length));
  return Math.max(cap + 1, Math.min(4 * cap, affordable));
}

/** Facts the ranking of the sets at MUT may derive, one closure per set, for the pool. */
const rankingFacts = 1_600_000;

/** Whether two sorted lists of mess-ups are the same set. */
function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/**
 * Cheapest first, then the shortest attack (where `steps` has it), then fewest mess-ups, then
 * by their ids (template, then subject) in order: a canonical order, which neither the input's
 * order nor an object that changes no attack changes.
 */
function sortByCostThenIds(
  graph: AttackGraph,
  solutions: Solution[],
  steps: ReadonlyMap<Solution, number> = new Map(),
): void {
  if (solutions.length < 2) return;
  const keys = new Map(
    solutions.map((s) => [
      s,
      s.messUps
        .map((m) => graph.messUps[m]!.id)
        .sort()
        .join('\u0000'),
    ]),
  );
  solutions.sort((a, b) => {
    if (a.cost !== b.cost) return a.cost - b.cost;
    const sa = steps.get(a) ?? Infinity;
    const sb = steps.get(b) ?? Infinity;
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (a.messUps.length !== b.messUps.length) return a.messUps.length - b.messUps.length;
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
