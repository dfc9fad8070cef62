import { copyOfInt32s, int32s, uint8s } from '../typedArrays';

/**
 * Exact minimum-cost hitting set by branch and bound, over cores and blocks that only grow.
 *
 * Cores: every solution must contain at least one element of each.
 * Blocks: no solution may contain all elements of one (sets already reported).
 * Elements are indexes into `costs`. `cheapest(limit)` returns the cheapest set within
 * `limit` (inclusive), or undefined. Ties are broken by the order of elements, so it is
 * deterministic: of the cheapest sets, the first one met by the depth-first search, which
 * branches on the smallest open core (cores stably sorted by size), cheapest element first,
 * and leaves an element out of the siblings after its own branch.
 *
 * The solver asks once per round, with a few dozen cores of up to hundreds of elements and
 * one more core or block each time. So the indexes live across rounds (element → cores,
 * element → blocks, which cores overlap), and each node of the search works incrementally
 * (a hit counter per core, a chosen counter per block) instead of rescanning the cores.
 */
export interface HittingSetResult {
  set: number[];
  cost: number;
}

export interface HittingSetBudget {
  nodes: number;
}

/** The cores and blocks so far, with their indexes; searches read it, sets add to it. */
interface Store {
  readonly costs: readonly number[];
  /** Cores in the order they came, each sorted cheapest element first, then by index. */
  readonly cores: Int32Array[];
  /** Core ids smallest first; stable, so equal sizes keep the order they came in. */
  order: number[];
  readonly coresOf: number[][];
  /** overlap[i * capacity + j]: cores i and j share an element. */
  overlap: Uint8Array;
  capacity: number;
  readonly blocks: Int32Array[];
  readonly blocksOf: number[][];
}

/** The overlap table before the first core: never written (its capacity is 0). */
const noOverlap = new Uint8Array(0);

export class HittingSets {
  private readonly store: Store;
  /** The search of `enumerate` under way, told of the cores and blocks added while it runs. */
  private active: Search | undefined;

  constructor(costs: readonly number[]) {
    this.store = {
      costs,
      cores: [],
      order: [],
      coresOf: [],
      overlap: noOverlap,
      capacity: 0,
      blocks: [],
      blocksOf: [],
    };
  }

  addCore(core: readonly number[]): void {
    const s = this.store;
    const id = s.cores.length;
    s.cores.push(copyOfInt32s(core).sort((a, b) => s.costs[a]! - s.costs[b]! || a - b));
    s.order.push(id);
    s.order.sort((a, b) => s.cores[a]!.length - s.cores[b]!.length || a - b);
    if (id >= s.capacity) grow(s, Math.max(16, 2 * s.capacity));
    const row = id * s.capacity;
    s.overlap[row + id] = 1;
    for (const e of core) {
      const holders = (s.coresOf[e] ??= []);
      for (const other of holders) {
        s.overlap[row + other] = 1;
        s.overlap[other * s.capacity + id] = 1;
      }
      holders.push(id);
    }
    this.active?.coreAdded(id);
  }

  addBlock(block: readonly number[]): void {
    const s = this.store;
    const id = s.blocks.length;
    s.blocks.push(copyOfInt32s(block));
    for (const e of block) (s.blocksOf[e] ??= []).push(id);
    this.active?.blockAdded(id);
  }

  /** The cheapest set hitting every core, blocked by none, costing at most `limit`. */
  cheapest(limit: number, budget: HittingSetBudget): HittingSetResult | undefined | 'budget' {
    const search = new Search(this.store, limit, budget);
    search.run(0);
    if (search.outOfBudget) return 'budget';
    return search.best;
  }

  /**
   * Every set hitting every core, blocked by none, costing at most `limit`, one at a time, in
   * the search's order (not cheapest first): `next()` gives the next set (sorted), and the
   * caller must then either refute it with a core it misses or report it with a block it
   * holds (`addCore`, `addBlock`) before asking again. One search for all of them: the cores
   * and blocks added meanwhile prune what is left of it, and a set refuted by new cores is
   * grown from where it stands. Only one at a time per instance.
   *
   * A set given this way may hold more than it needs (it is no longer the cheapest), and the
   * list is complete all the same: a set S that reaches and holds no block hits every core,
   * and the search meets a subset of S (at each open core it branches on, S's first element
   * there is a branch not yet left out), which either reaches or is refuted by a core that S
   * hits, one more step towards S. The loop that asked for the cheapest set each round
   * searched afresh every round: on layered manifests of 100 objects, 28 rounds at MUT + 1
   * took 13,000 nodes between them, the same first levels each time.
   */
  enumerate(limit: number, budget: HittingSetBudget): Enumeration {
    const search = new Search(this.store, limit, budget, true);
    this.active = search;
    return {
      next: () => {
        const found = search.nextSet();
        if (typeof found === 'string') this.active = undefined;
        return found;
      },
    };
  }
}

/** The sets of `HittingSets.enumerate`, one per `next()`; 'done' when none is left. */
export interface Enumeration {
  next(): HittingSetResult | 'done' | 'budget';
}

/** A copy of `a` with room for `length` (the rest zero). */
function grown(a: Int32Array, length: number): Int32Array {
  const next = int32s(length);
  next.set(a);
  return next;
}

/** Makes room for `capacity` cores in the overlap matrix. */
function grow(s: Store, capacity: number): void {
  const next = uint8s(capacity * capacity);
  for (let i = 0; i < s.capacity; i++)
    next.set(s.overlap.subarray(i * s.capacity, (i + 1) * s.capacity), i * capacity);
  s.overlap = next;
  s.capacity = capacity;
}

const none: readonly number[] = [];

/** One node of `nextSet`'s search: the core it branches on, and how far it got. */
interface Frame {
  cost: number;
  core: Int32Array;
  /** The next element of `core` to branch on. */
  next: number;
  /** The element of the branch being explored, -1 between branches. */
  chosen: number;
  /** Elements this node left out of the branches after theirs, to be let back in. */
  excluded: number[];
}

class Search {
  best: HittingSetResult | undefined;
  outOfBudget = false;
  /** `enumerate`: the search gives each set it meets instead of the cheapest. */
  private readonly enumerating: boolean;
  /** Accept sets costing at most `bound`; once one is found, only strictly cheaper ones. */
  private bound: number;
  /** Chosen elements in each core (by id); a core is open while its count is 0. */
  private hits: Int32Array;
  /** Elements of each block not chosen yet; the set is blocked while one is at 0. */
  private blockLeft: Int32Array;
  private fullBlocks = 0;
  private readonly excluded: Uint8Array;
  /** The elements of `set`, marked: what a core or block added during the search holds. */
  private readonly chosen: Uint8Array;
  private readonly set: number[] = [];
  /** Scratch for the bound: the open cores, and those it packed. */
  private open: Int32Array;
  private packed: Int32Array;
  /**
   * Cores there before the search, linked below; those added during it (`enumerate`) are listed
   * apart and looked at one by one: a core linked in mid-search would be lost when a core
   * unlinked above it is linked back (dancing links undo in the reverse order only).
   */
  private readonly linked: number;
  private readonly late: number[] = [];
  /** `nextSet`: the branches open along the set being built, its cost, the set last given. */
  private readonly frames: Frame[] = [];
  private cost = 0;
  private started = false;
  private given: { cores: number; blocks: number } | undefined;
  /**
   * The open cores in `order`, linked (index `linked`, the number of cores, heads the list): a chosen element
   * unlinks the cores it hits, taking it back links them again, last unlinked first (as in
   * Knuth's dancing links). Each node then walks the open cores only: after a round or two
   * the cores are hundreds, and most are hit by the elements chosen above (layered manifests
   * of 100 objects: listing the open cores by scanning them all was half the solver's time).
   */
  private readonly nextOpen: Int32Array;
  private readonly previousOpen: Int32Array;

  constructor(
    private readonly data: Store,
    limit: number,
    private readonly budget: HittingSetBudget,
    enumerating = false,
  ) {
    this.bound = limit;
    const n = this.data.cores.length;
    this.linked = n;
    this.hits = int32s(n);
    this.open = int32s(n);
    this.packed = int32s(n);
    this.blockLeft = int32s(this.data.blocks.length);
    this.data.blocks.forEach((b, i) => (this.blockLeft[i] = b.length));
    for (const b of this.data.blocks) if (b.length === 0) this.fullBlocks++;
    this.excluded = uint8s(this.data.costs.length);
    this.enumerating = enumerating;
    this.chosen = uint8s(enumerating ? this.data.costs.length : 0);
    this.nextOpen = int32s(n + 1);
    this.previousOpen = int32s(n + 1);
    let last = n;
    for (const c of this.data.order) {
      this.nextOpen[last] = c;
      this.previousOpen[c] = last;
      last = c;
    }
    this.nextOpen[last] = n;
    this.previousOpen[n] = last;
  }

  run(cost: number): void {
    if (this.outOfBudget) return;
    if (--this.budget.nodes < 0) {
      this.outOfBudget = true;
      return;
    }
    const open = this.listOpen();
    if (open === 0) {
      if (cost <= this.bound) {
        this.best = { set: [...this.set].sort((a, b) => a - b), cost };
        this.bound = cost - 1e-9;
      }
      return;
    }
    if (cost + this.disjointBound(open) > this.bound) return;
    const { costs } = this.data;
    const { excluded } = this;
    const newlyExcluded: number[] = [];
    // The branch: the smallest open core, cheapest first. Elements excluded since the
    // loop began are this loop's own, already passed, so skipping them lazily is the same
    // as filtering the core before the loop.
    for (const e of this.data.cores[this.open[0]!]!) {
      if (excluded[e]) continue;
      if (cost + costs[e]! > this.bound) continue;
      this.choose(e, 1);
      if (this.fullBlocks === 0) this.run(cost + costs[e]!);
      this.choose(e, -1);
      // Sets with `e` are explored; the remaining branches leave it out (no duplicates).
      excluded[e] = 1;
      newlyExcluded.push(e);
    }
    for (const e of newlyExcluded) excluded[e] = 0;
  }

  /**
   * `run` for `enumerate`, its recursion unrolled onto `frames` so that it can stop at each
   * set and go on from there: the next set, or 'done' (or 'budget') when none is left.
   */
  nextSet(): HittingSetResult | 'done' | 'budget' {
    const { costs } = this.data;
    const { excluded, frames } = this;
    // Back from the caller with a set given: blocked now, or grown by the new cores it misses.
    let entering = false;
    if (this.given) {
      const { cores, blocks } = this.given;
      this.given = undefined;
      const changed = cores !== this.data.cores.length || blocks !== this.data.blocks.length;
      entering = this.fullBlocks === 0 && changed;
    } else if (frames.length === 0 && !this.started) {
      this.started = true;
      entering = true;
    }
    for (;;) {
      if (entering) {
        entering = false;
        if (this.outOfBudget || --this.budget.nodes < 0) {
          this.outOfBudget = true;
          return 'budget';
        }
        const open = this.listOpen();
        if (open === 0) {
          this.given = { cores: this.data.cores.length, blocks: this.data.blocks.length };
          return { set: [...this.set].sort((a, b) => a - b), cost: this.cost };
        }
        if (this.cost + this.disjointBound(open) <= this.bound) {
          frames.push({
            cost: this.cost,
            core: this.data.cores[this.branchCore(open)]!,
            next: 0,
            chosen: -1,
            excluded: [],
          });
        }
      }
      const frame = frames[frames.length - 1];
      if (frame === undefined) return 'done';
      // Back from the branch with `chosen`: the remaining branches leave it out.
      if (frame.chosen >= 0) {
        this.choose(frame.chosen, -1);
        excluded[frame.chosen] = 1;
        frame.excluded.push(frame.chosen);
        frame.chosen = -1;
        this.cost = frame.cost;
      }
      const { core } = frame;
      while (frame.next < core.length) {
        const e = core[frame.next++]!;
        if (excluded[e] || frame.cost + costs[e]! > this.bound) continue;
        this.choose(e, 1);
        frame.chosen = e;
        if (this.fullBlocks === 0) {
          this.cost = frame.cost + costs[e]!;
          entering = true;
          break;
        }
        this.choose(e, -1);
        excluded[e] = 1;
        frame.excluded.push(e);
        frame.chosen = -1;
      }
      if (entering) continue;
      for (const e of frame.excluded) excluded[e] = 0;
      frames.pop();
    }
  }

  /** Lists the open cores in `open`: the linked ones in order, then those added since. */
  private listOpen(): number {
    let open = 0;
    const { nextOpen, linked } = this;
    for (let c = nextOpen[linked]!; c !== linked; c = nextOpen[c]!) this.open[open++] = c;
    for (const c of this.late) if (this.hits[c] === 0) this.open[open++] = c;
    return open;
  }

  /** The core to branch on: the smallest open one, the first listed of those as small. */
  private branchCore(open: number): number {
    let best = this.open[0]!;
    // The linked cores come smallest first: only a late one can be smaller.
    for (let k = 1; k < open; k++) {
      const c = this.open[k]!;
      if (c >= this.linked && this.data.cores[c]!.length < this.data.cores[best]!.length) best = c;
    }
    return best;
  }

  /** A core added while the search runs (`enumerate`): counted against the elements chosen. */
  coreAdded(id: number): void {
    if (id >= this.hits.length) {
      const size = Math.max(16, 2 * id);
      this.hits = grown(this.hits, size);
      this.open = grown(this.open, size);
      this.packed = grown(this.packed, size);
    }
    let hits = 0;
    for (const e of this.data.cores[id]!) hits += this.chosen[e]!;
    this.hits[id] = hits;
    this.late.push(id);
  }

  /** A block added while the search runs (`enumerate`): counted against the elements chosen. */
  blockAdded(id: number): void {
    if (id >= this.blockLeft.length) this.blockLeft = grown(this.blockLeft, Math.max(16, 2 * id));
    const block = this.data.blocks[id]!;
    let left = block.length;
    for (const e of block) left -= this.chosen[e]!;
    this.blockLeft[id] = left;
    if (left === 0) this.fullBlocks++;
  }

  /** Adds (`step` 1) or takes back (-1) element `e`, keeping the counters. */
  private choose(e: number, step: 1 | -1): void {
    const { hits, nextOpen, previousOpen, linked } = this;
    const cores = this.data.coresOf[e] ?? none;
    if (this.enumerating) this.chosen[e] = step === 1 ? 1 : 0;
    if (step === 1) {
      this.set.push(e);
      for (const c of cores) {
        if (hits[c]!++ !== 0 || c >= linked) continue;
        nextOpen[previousOpen[c]!] = nextOpen[c]!;
        previousOpen[nextOpen[c]!] = previousOpen[c]!;
      }
    } else {
      this.set.pop();
      for (let i = cores.length - 1; i >= 0; i--) {
        const c = cores[i]!;
        if (--hits[c]! !== 0 || c >= linked) continue;
        nextOpen[previousOpen[c]!] = c;
        previousOpen[nextOpen[c]!] = c;
      }
    }
    for (const b of this.data.blocksOf[e] ?? none) {
      if (step === 1 && --this.blockLeft[b]! === 0) this.fullBlocks++;
      if (step === -1 && this.blockLeft[b]!++ === 0) this.fullBlocks--;
    }
  }

  /**
   * Open cores that share no element each need one more pick: a valid lower bound.
   * Greedy in core order, each packed core counting its cheapest element not excluded.
   */
  private disjointBound(open: number): number {
    const { overlap, capacity } = this.data;
    let packed = 0;
    let total = 0;
    for (let k = 0; k < open; k++) {
      const c = this.open[k]!;
      let disjoint = true;
      for (let j = 0; j < packed && disjoint; j++)
        disjoint = overlap[c * capacity + this.packed[j]!] === 0;
      if (!disjoint) continue;
      const cheapest = this.cheapest(c);
      if (cheapest === Infinity) return Infinity;
      total += cheapest;
      this.packed[packed++] = c;
    }
    return total;
  }

  /** The core is sorted by cost: its first element not excluded is its cheapest. */
  private cheapest(core: number): number {
    for (const e of this.data.cores[core]!) if (!this.excluded[e]) return this.data.costs[e]!;
    return Infinity;
  }
}
