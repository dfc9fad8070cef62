import type { Closure } from './closure';
import type { FlatRules } from './flatRules';
import { uint8s } from '../typedArrays';

/**
 * An exact search for graphs whose derivations are paths: every relevant rule needs at most
 * one fact that rules derive and that does not hold today; its other body facts are
 * conditions, which only mess-ups provide. Then the goal is reached along a chain of rules,
 * and the MUT is the cheapest chain counting each mess-up once (shared conditions, and
 * mess-ups providing several facts, are why it is not a shortest path).
 *
 * The search regresses from the goal, depth first: a fact that does not hold is provided by a
 * mess-up, or derived by a rule whose conditions are paid (a provider each, every choice
 * tried) and whose one derived fact is regressed next. The chosen mess-ups stay applied in the
 * closure, so a fact or condition they already give costs nothing, and a branch ends as soon
 * as the fact it needs holds. Branches that cannot beat the best set known are cut, and a
 * fact is expanded once per set of chosen mess-ups: what lies below depends on nothing else,
 * which also ends cycles of rules that cost nothing.
 *
 * Exact because every optimal set T has a well-founded derivation: following its rules and
 * T's providers, the search meets a subset of T that reaches the goal. The random Horn graphs
 * (a capability of the level below and one to three conditions per rule) are of this kind, and
 * are where the implicit-hitting-set loop's cores (hundreds of mess-ups each) prove nothing.
 */
export interface PathSearchInput {
  rules: FlatRules;
  ruleMask: Uint8Array;
  /** The closure at today's facts; left as it was found. */
  closure: Closure;
  goal: number;
  candidates: readonly number[];
  costs: readonly number[];
  provides: (m: number) => readonly number[];
}

export interface PathSearchResult {
  /** A cheaper set than the one given, sorted, or undefined when none was found. */
  better: number[] | undefined;
  cost: number;
  /** The search ran to its end: no set cheaper than `cost` exists. */
  complete: boolean;
  /**
   * Listing (`list` given): every set met costing at most its `limit`, each reaching the goal,
   * in the order met, possibly repeated or not minimal. Complete, it holds every minimal set
   * of that cost: a minimal set's own derivation leads the search to no smaller one.
   */
  sets: number[][];
}

/** Asks the search to list the sets up to `limit` instead of looking for a cheaper one. */
export interface PathListing {
  limit: number;
  /** Stop (incomplete) past this many sets. */
  most: number;
}

/**
 * Whether every relevant rule needs at most one fact that rules derive and that does not
 * hold in `holds` (today's facts).
 */
export function derivationsArePaths(
  rules: FlatRules,
  ruleMask: Uint8Array,
  holds: Uint8Array,
): boolean {
  const derived = derivedFacts(rules, ruleMask);
  const { bodyStart, body } = rules;
  for (let r = 0; r < ruleMask.length; r++) {
    if (!ruleMask[r]) continue;
    let open = 0;
    for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) {
      const b = body[j]!;
      if (derived[b] && !holds[b] && ++open > 1) return false;
    }
  }
  return true;
}

function derivedFacts(rules: FlatRules, ruleMask: Uint8Array): Uint8Array {
  const derived = uint8s(rules.facts);
  for (let r = 0; r < ruleMask.length; r++) if (ruleMask[r]) derived[rules.head[r]!] = 1;
  return derived;
}

/** A fact to make hold, or a rule's conditions to pay from the `k`-th on. */
interface Frame {
  /** The fact (kind 0) or the rule's derived body fact, -1 for none (kind 1). */
  fact: number;
  kind: 0 | 1;
  cost: number;
  /** Closure mark and number of chosen mess-ups when the frame began: undone to between options. */
  mark: number;
  chosen: number;
  /** The next option: a provider, then a rule (kind 0); a provider of `conds[k]` (kind 1). */
  next: number;
  conds: number[];
  k: number;
}

/**
 * Looks for a set cheaper than `bestCost`, at most `budget.nodes` frames (spent from it);
 * pauses every few thousand frames.
 */
export function* pathSearch(
  input: PathSearchInput,
  bestCost: number,
  budget: { nodes: number },
  list?: PathListing,
): Generator<void, PathSearchResult> {
  const { rules, ruleMask, closure, goal, candidates, costs } = input;
  const { holds } = closure;
  const derived = derivedFacts(rules, ruleMask);
  const { byHeadStart, byHead, bodyStart, body } = rules;
  // Providers of each fact among the candidates, cheapest first.
  const providers = new Map<number, number[]>();
  let cheapest = Infinity;
  for (const m of candidates) {
    cheapest = Math.min(cheapest, costs[m]!);
    for (const p of input.provides(m)) {
      let list = providers.get(p);
      if (!list) providers.set(p, (list = []));
      list.push(m);
    }
  }
  for (const list of providers.values()) list.sort((a, b) => costs[a]! - costs[b]! || a - b);
  const none: number[] = [];

  let bound = list ? list.limit + 1e-9 : bestCost - 1e-9;
  let better: number[] | undefined;
  let cost = bestCost;
  const sets: number[][] = [];
  const chosen: number[] = [];
  const expanded = new Set<string>();
  const stack: Frame[] = [];
  const base = closure.mark();

  const record = (set: number[], c: number) => {
    if (list) {
      sets.push([...set].sort((a, b) => a - b));
      return;
    }
    better = [...set].sort((a, b) => a - b);
    cost = c;
    bound = c - 1e-9;
  };
  /** Enters fact `f` (kind 0) at `c`: ends it at once when it holds or cannot pay off. */
  const enterFact = (f: number, c: number) => {
    if (holds[f]) {
      if (c <= bound) record(chosen, c);
      return;
    }
    if (c + cheapest > bound) return;
    const key = `${f}:${[...chosen].sort((a, b) => a - b).join(',')}`;
    if (expanded.has(key)) return;
    expanded.add(key);
    stack.push({
      fact: f,
      kind: 0,
      cost: c,
      mark: closure.mark(),
      chosen: chosen.length,
      next: 0,
      conds: none,
      k: 0,
    });
  };
  /** Enters rule conditions from `k` on, with `d` the derived fact to regress after them. */
  const enterConds = (d: number, conds: number[], k: number, c: number) => {
    while (k < conds.length && holds[conds[k]!]) k++;
    if (k === conds.length) {
      if (d < 0) {
        if (c <= bound) record(chosen, c);
      } else enterFact(d, c);
      return;
    }
    stack.push({
      fact: d,
      kind: 1,
      cost: c,
      mark: closure.mark(),
      chosen: chosen.length,
      next: 0,
      conds,
      k,
    });
  };
  const undoTo = (frame: Frame) => {
    closure.undo(frame.mark);
    chosen.length = frame.chosen;
  };

  let nodes = 0;
  enterFact(goal, 0);
  try {
    while (stack.length) {
      if (++nodes % 4096 === 0) yield;
      if (--budget.nodes < 0 || (list && sets.length > list.most))
        return { better, cost, complete: false, sets };
      const frame = stack[stack.length - 1]!;
      undoTo(frame);
      if (frame.kind === 0) {
        const f = frame.fact;
        const own = providers.get(f) ?? none;
        if (frame.next < own.length) {
          const m = own[frame.next++]!;
          if (frame.cost + costs[m]! <= bound) record([...chosen, m], frame.cost + costs[m]!);
          continue;
        }
        const i = byHeadStart[f]! + frame.next++ - own.length;
        if (i >= byHeadStart[f + 1]!) {
          stack.pop();
          continue;
        }
        const r = byHead[i]!;
        if (!ruleMask[r]) continue;
        let d = -1;
        const conds: number[] = [];
        let dead = false;
        for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) {
          const b = body[j]!;
          if (holds[b]) continue;
          if (derived[b]) d = b;
          else if (providers.has(b)) conds.push(b);
          else dead = true;
        }
        // A rule needing the fact itself adds nothing; one needing a condition no candidate
        // provides never fires.
        if (dead || d === f) continue;
        enterConds(d, conds, 0, frame.cost);
      } else {
        const list = providers.get(frame.conds[frame.k]!)!;
        if (frame.next >= list.length) {
          stack.pop();
          continue;
        }
        const m = list[frame.next++]!;
        const c = frame.cost + costs[m]!;
        if (c > bound) {
          // Cheapest first: the rest cost as much or more.
          frame.next = list.length;
          continue;
        }
        chosen.push(m);
        for (const p of input.provides(m)) closure.add(p);
        enterConds(frame.fact, frame.conds, frame.k + 1, c);
      }
    }
    return { better, cost, complete: true, sets };
  } finally {
    closure.undo(base);
  }
}
