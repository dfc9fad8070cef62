/**
 * Exact minimum-cost hitting set by branch and bound, small enough to read.
 *
 * `cores`: every solution must contain at least one element of each.
 * `blocks`: no solution may contain all elements of one (sets already reported).
 * Returns the cheapest set within `limit` (inclusive), or undefined. Elements are
 * indexes into `costs`; ties are broken by the order of elements, so it is deterministic.
 */
export interface HittingSetResult {
  set: number[];
  cost: number;
}

export interface HittingSetBudget {
  nodes: number;
}

export function minHittingSet(
  cores: readonly (readonly number[])[],
  blocks: readonly (readonly number[])[],
  costs: readonly number[],
  limit: number,
  budget: HittingSetBudget,
): HittingSetResult | undefined | 'budget' {
  let best: HittingSetResult | undefined;
  // Accept sets costing at most `bound`; once one is found, only strictly cheaper ones.
  let bound = limit;
  const chosen = new Uint8Array(costs.length);
  const excluded = new Uint8Array(costs.length);
  const set: number[] = [];
  let outOfBudget = false;

  // Smallest cores first: the branch is the smallest open core, the bound packs small ones.
  const bySize = [...cores].sort((a, b) => a.length - b.length);
  const isHit = (core: readonly number[]) => core.some((e) => chosen[e] === 1);
  const blocked = () => blocks.some((b) => b.every((e) => chosen[e] === 1));

  /** Cores that share no element each need one more pick: a valid lower bound. */
  // Marks for disjointBound, stamped per call instead of allocated per node.
  const used = new Int32Array(costs.length);
  let stamp = 0;
  function disjointBound(open: readonly (readonly number[])[]): number {
    stamp++;
    let total = 0;
    for (const core of open) {
      if (core.some((e) => used[e] === stamp)) continue;
      let cheapest = Infinity;
      for (const e of core) if (!excluded[e] && costs[e]! < cheapest) cheapest = costs[e]!;
      if (cheapest === Infinity) return Infinity;
      total += cheapest;
      for (const e of core) used[e] = stamp;
    }
    return total;
  }

  function search(cost: number): void {
    if (outOfBudget) return;
    if (--budget.nodes < 0) {
      outOfBudget = true;
      return;
    }
    const open = bySize.filter((c) => !isHit(c));
    if (open.length === 0) {
      if (cost <= bound) {
        best = { set: [...set].sort((a, b) => a - b), cost };
        bound = cost - 1e-9;
      }
      return;
    }
    if (cost + disjointBound(open) > bound) return;
    const branch = open[0]!
      .filter((e) => !excluded[e])
      .sort((a, b) => costs[a]! - costs[b]! || a - b);
    const newlyExcluded: number[] = [];
    for (const e of branch) {
      if (cost + costs[e]! > bound) continue;
      chosen[e] = 1;
      set.push(e);
      if (!blocked()) search(cost + costs[e]!);
      set.pop();
      chosen[e] = 0;
      // Sets with `e` are explored; the remaining branches leave it out (no duplicates).
      excluded[e] = 1;
      newlyExcluded.push(e);
    }
    for (const e of newlyExcluded) excluded[e] = 0;
  }

  search(0);
  if (outOfBudget) return 'budget';
  return best;
}
