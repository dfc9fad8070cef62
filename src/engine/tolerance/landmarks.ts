import type { FlatRules, Watchers } from './flatRules';
import { float64s, int32s, uint8s } from '../typedArrays';
import { sharedHeap } from './minHeap';

/**
 * The landmark-cut lower bound (LM-cut, Helmert and Domshlak, ICAPS 2009) on the cost of
 * reaching the goal, and the cuts it finds: each a set of mess-ups of which every solution
 * needs one (a core). Rules cost nothing, mess-ups their cost and need nothing, so a cut is
 * every mess-up providing a fact of the "goal zone": the facts from which the goal follows
 * by rules whose costliest body fact (by h^max) is that fact. The cheapest mess-up's cost in
 * the cut is taken off all of them and counted; again until the goal costs nothing. The sum
 * is a lower bound because the cuts with those shares of the costs are a feasible solution
 * of the hitting set's linear relaxation (a cost partitioning).
 *
 * With integer costs it takes at most MUT passes over the relevant graph, each a
 * Dijkstra-like h^max (max instead of sum), so it is cheap next to the hitting-set loop.
 */
export interface LandmarkInput {
  rules: FlatRules;
  watchers: Watchers;
  /** Rules that may matter for the goal. */
  ruleMask: Uint8Array;
  goal: number;
  /** Facts that hold before any mess-up (with the free ones applied). */
  holds: Uint8Array;
  /** Mess-ups to count, with their costs (residual costs are the function's own copy). */
  candidates: readonly number[];
  costs: readonly number[];
  provides: (m: number) => readonly number[];
}

export interface LandmarkCut {
  /** The bound; Infinity when the goal is out of reach of the candidates. */
  bound: number;
  cuts: number[][];
}

/** The arrays each pass sets afresh, kept for the next cut on a graph of the same size. */
interface PassArrays {
  facts: number;
  rules: number;
  hmax: Float64Array;
  pcf: Int32Array;
  remaining: Int32Array;
  inZone: Uint8Array;
  done: Uint8Array;
}

let kept: PassArrays | undefined;

/**
 * The pass arrays for `facts` and `rules`: the last cut's when the sizes match (every goal of
 * an analysis, and the next analysis of the same cluster), else new ones. 1.6 MB on layered
 * manifests of 10,000 objects, made for each goal before, outside V8's heap (see sharedHeap).
 * Every pass clears them before it reads them, and a cut runs to its end without pausing, so
 * one set serves every cut.
 */
function passArrays(facts: number, rules: number): PassArrays {
  if (kept?.facts !== facts || kept.rules !== rules)
    kept = {
      facts,
      rules,
      hmax: float64s(facts),
      pcf: int32s(rules),
      remaining: int32s(rules),
      inZone: uint8s(facts),
      done: uint8s(facts),
    };
  return kept;
}

export function landmarkCut(input: LandmarkInput): LandmarkCut {
  const { rules, watchers, ruleMask, goal, holds, candidates, costs } = input;
  const facts = rules.facts;
  // Typed arrays by mess-up and fact, not maps: the zone's cut looks up the providers of every
  // fact in it, thousands a pass on a large cluster.
  const residual = float64s(costs.length);
  for (const m of candidates) residual[m] = costs[m]!;
  const { hmax, pcf, remaining, inZone, done } = passArrays(facts, rules.head.length);
  // What each candidate provides, in candidate order: provides[providesStart[i]] ..
  const providesStart = int32s(candidates.length + 1);
  for (let i = 0; i < candidates.length; i++)
    providesStart[i + 1] = providesStart[i]! + input.provides(candidates[i]!).length;
  const provided = providesStart[candidates.length]!;
  const provides = int32s(provided);
  for (let i = 0, k = 0; i < candidates.length; i++)
    for (const p of input.provides(candidates[i]!)) provides[k++] = p;
  const heap = sharedHeap(facts + provided + rules.head.length);
  const cuts: number[][] = [];
  let bound = 0;
  // Achievers of each fact among the candidates, for the cut: providers[providersStart[f]] ..
  const providersStart = int32s(facts + 1);
  for (let k = 0; k < provided; k++) providersStart[provides[k]! + 1]!++;
  for (let f = 0; f < facts; f++) providersStart[f + 1]! += providersStart[f]!;
  const providers = int32s(provided);
  const fill = providersStart.slice(0, facts);
  for (let i = 0; i < candidates.length; i++)
    for (let k = providesStart[i]!; k < providesStart[i + 1]!; k++)
      providers[fill[provides[k]!]!++] = candidates[i]!;
  const { byHeadStart, byHead } = rules;
  const derived = uint8s(facts);
  for (let f = 0; f < facts; f++) if (byHeadStart[f + 1]! > byHeadStart[f]!) derived[f] = 1;
  const inCut = uint8s(costs.length);
  for (let pass = 0; ; pass++) {
    computeHmax();
    const g = hmax[goal]!;
    if (g === Infinity) return { bound: Infinity, cuts };
    if (g <= 1e-9) return { bound, cuts };
    // The goal zone, backwards through each reachable rule's costliest body fact.
    inZone.fill(0);
    const zone = [goal];
    inZone[goal] = 1;
    for (let k = 0; k < zone.length; k++) {
      const f = zone[k]!;
      for (let i = byHeadStart[f]!; i < byHeadStart[f + 1]!; i++) {
        const r = byHead[i]!;
        if (!ruleMask[r] || remaining[r] !== 0) continue;
        const p = pcf[r]!;
        if (p >= 0 && !inZone[p]) {
          inZone[p] = 1;
          zone.push(p);
        }
      }
    }
    const cut: number[] = [];
    for (const f of zone)
      for (let k = providersStart[f]!; k < providersStart[f + 1]!; k++) {
        const m = providers[k]!;
        if (!inCut[m] && residual[m]! > 1e-9) {
          inCut[m] = 1;
          cut.push(m);
        }
      }
    let least = Infinity;
    for (const m of cut) {
      inCut[m] = 0;
      least = Math.min(least, residual[m]!);
    }
    // Cannot happen (the goal costs more than nothing, so something in the zone does), but a
    // loop that takes nothing off would never end.
    if (cut.length === 0 || least === Infinity) return { bound, cuts };
    for (const m of cut) residual[m]! -= least;
    bound += least;
    cuts.push(cut.sort((a, b) => a - b));
  }

  /** h^max of every fact from today's facts and the residual costs; `pcf` and `remaining` per rule. */
  function computeHmax(): void {
    hmax.fill(Infinity);
    heap.size = 0;
    for (let f = 0; f < facts; f++)
      if (holds[f]) {
        hmax[f] = 0;
        heap.push(0, f);
      }
    for (let i = 0; i < candidates.length; i++) {
      const c = residual[candidates[i]!]!;
      for (let k = providesStart[i]!; k < providesStart[i + 1]!; k++) {
        const p = provides[k]!;
        if (c < hmax[p]!) {
          hmax[p] = c;
          heap.push(c, p);
        }
      }
    }
    remaining.set(rules.bodySize);
    pcf.fill(-1);
    done.fill(0);
    const { start, rules: watching } = watchers;
    const { head } = rules;
    while (heap.size > 0) {
      const c = heap.topKey();
      const f = heap.pop();
      if (done[f] || c > hmax[f]!) continue;
      done[f] = 1;
      for (let i = start[f]!; i < start[f + 1]!; i++) {
        const r = watching[i]!;
        if (!ruleMask[r]) continue;
        // Facts come out cheapest first: the one completing a rule is its costliest.
        // Of body facts as dear, one no rule derives (a condition only a mess-up gives): the
        // goal zone then stops at the rule instead of running back through its capability,
        // so a chain's steps give a cut each instead of one cut mixing them.
        const chosen = pcf[r]!;
        if (chosen < 0 || hmax[chosen]! < c || (derived[chosen] === 1 && derived[f] === 0))
          pcf[r] = f;
        if (--remaining[r]! === 0) {
          const h = head[r]!;
          if (c < hmax[h]!) {
            hmax[h] = c;
            heap.push(c, h);
          }
        }
      }
    }
  }
}
