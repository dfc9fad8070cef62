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
  }

  addBlock(block: readonly number[]): void {
    const s = this.store;
    const id = s.blocks.length;
    s.blocks.push(copyOfInt32s(block));
    for (const e of block) (s.blocksOf[e] ??= []).push(id);
  }

  /** The cheapest set hitting every core, blocked by none, costing at most `limit`. */
  cheapest(limit: number, budget: HittingSetBudget): HittingSetResult | undefined | 'budget' {
    const search = new Search(this.store, limit, budget);
    search.run(0);
    if (search.outOfBudget) return 'budget';
    return search.best;
  }
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

class Search {
  best: HittingSetResult | undefined;
  outOfBudget = false;
  /** Accept sets costing at most `bound`; once one is found, only strictly cheaper ones. */
  private bound: number;
  /** Chosen elements in each core (by id); a core is open while its count is 0. */
  private readonly hits: Int32Array;
  /** Elements of each block not chosen yet; the set is blocked while one is at 0. */
  private readonly blockLeft: Int32Array;
  private fullBlocks = 0;
  private readonly excluded: Uint8Array;
  private readonly set: number[] = [];
  /** Scratch for the bound: the open cores, and those it packed. */
  private readonly open: Int32Array;
  private readonly packed: Int32Array;
  /**
   * The open cores in `order`, linked (index `cores.length` heads the list): a chosen element
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
  ) {
    this.bound = limit;
    const n = this.data.cores.length;
    this.hits = int32s(n);
    this.open = int32s(n);
    this.packed = int32s(n);
    this.blockLeft = int32s(this.data.blocks.length);
    this.data.blocks.forEach((b, i) => (this.blockLeft[i] = b.length));
    for (const b of this.data.blocks) if (b.length === 0) this.fullBlocks++;
    this.excluded = uint8s(this.data.costs.length);
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
    let open = 0;
    const { nextOpen } = this;
    const end = this.data.cores.length;
    for (let c = nextOpen[end]!; c !== end; c = nextOpen[c]!) this.open[open++] = c;
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

  /** Adds (`step` 1) or takes back (-1) element `e`, keeping the counters. */
  private choose(e: number, step: 1 | -1): void {
    const { hits, nextOpen, previousOpen } = this;
    const cores = this.data.coresOf[e] ?? none;
    if (step === 1) {
      this.set.push(e);
      for (const c of cores) {
        if (hits[c]!++ !== 0) continue;
        nextOpen[previousOpen[c]!] = nextOpen[c]!;
        previousOpen[nextOpen[c]!] = previousOpen[c]!;
      }
    } else {
      this.set.pop();
      for (let i = cores.length - 1; i >= 0; i--) {
        const c = cores[i]!;
        if (--hits[c]! !== 0) continue;
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
