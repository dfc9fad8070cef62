import type { AttackGraph } from '../graph/graph';
import { Closure, watchersOf } from './closure';
import { minHittingSet, type HittingSetBudget } from './hittingSet';

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
}

export const defaultLimits: SolveLimits = {
  maxRounds: 400,
  maxNodes: 400_000,
  alternativesCap: 20,
  alternativeRounds: 60,
  alternativeWork: 60_000,
};

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
  private readonly base: number;

  constructor(
    readonly graph: AttackGraph,
    watchers: readonly number[][],
    readonly goal: number,
  ) {
    // Relevant: facts and rules from which the goal can be derived, backwards.
    const relevantFact = new Uint8Array(graph.facts.length);
    const ruleMask = new Uint8Array(graph.rules.length);
    const rulesByHead: number[][] = Array.from({ length: graph.facts.length }, () => []);
    graph.rules.forEach((r, i) => rulesByHead[r.head]!.push(i));
    const stack = [goal];
    relevantFact[goal] = 1;
    while (stack.length) {
      const f = stack.pop()!;
      for (const r of rulesByHead[f]!) {
        if (ruleMask[r]) continue;
        ruleMask[r] = 1;
        for (const b of graph.rules[r]!.body) {
          if (!relevantFact[b]) {
            relevantFact[b] = 1;
            stack.push(b);
          }
        }
      }
    }
    this.closure = new Closure(graph, watchers, ruleMask);
    for (const f of graph.initial) this.closure.add(f);
    this.base = this.closure.mark();
    // Growth tries far-from-goal mess-ups first: they rarely complete the goal, so they
    // are kept and the closure grows cheaply; the ones that complete it come later, when
    // little is left to derive. The order changes speed only, never the answer.
    const depth = distancesToGoal(graph, goal, rulesByHead);
    const messUpDepth = (m: number) =>
      Math.min(...graph.messUps[m]!.provides.map((p) => depth[p] ?? Infinity));
    this.candidates = [];
    graph.messUps.forEach((m, i) => {
      if (m.provides.some((p) => relevantFact[p])) this.candidates.push(i);
    });
    const d = new Map(this.candidates.map((m) => [m, messUpDepth(m)]));
    this.candidates.sort((a, b) => d.get(b)! - d.get(a)! || a - b);
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

  /**
   * Grows `set` by every candidate that keeps the goal out of reach, in a fixed order.
   * Returns the candidates that would each complete it: a core.
   */
  core(set: readonly number[]): number[] {
    this.closure.undo(this.base);
    for (const m of set) this.apply(m);
    const inSet = new Set(set);
    const core: number[] = [];
    for (const m of this.candidates) {
      if (inSet.has(m)) continue;
      const mark = this.closure.mark();
      this.apply(m, this.goal);
      if (this.closure.holds[this.goal]) {
        this.closure.undo(mark);
        core.push(m);
      }
    }
    this.closure.undo(this.base);
    return core;
  }

  /**
   * A solution within `set`, without what it does not need: the shortest prefix that
   * reaches the goal, then each mess-up dropped (dearest first) if the rest still does.
   */
  minimise(set: readonly number[]): number[] {
    const costs = this.graph.messUps;
    this.closure.undo(this.base);
    const prefix: number[] = [];
    for (const m of set) {
      if (this.closure.holds[this.goal]) break;
      prefix.push(m);
      this.apply(m, this.goal);
    }
    this.closure.undo(this.base);
    const order = [...prefix].sort((a, b) => costs[b]!.cost - costs[a]!.cost || b - a);
    let current = [...prefix];
    for (const m of order) {
      const without = current.filter((x) => x !== m);
      if (this.reaches(without)) current = without;
    }
    return current.sort((a, b) => a - b);
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
    return this.closure.work;
  }

  holdsToday(): boolean {
    return this.closure.holds[this.goal] === 1;
  }
}

/** Rule steps from each fact to the goal, backwards (breadth-first). */
function distancesToGoal(
  graph: AttackGraph,
  goal: number,
  rulesByHead: readonly number[][],
): Int32Array {
  const depth = new Int32Array(graph.facts.length).fill(1 << 30);
  depth[goal] = 0;
  let frontier = [goal];
  while (frontier.length) {
    const next: number[] = [];
    for (const f of frontier) {
      for (const r of rulesByHead[f]!) {
        for (const b of graph.rules[r]!.body) {
          if (depth[b]! > depth[f]! + 1) {
            depth[b] = depth[f]! + 1;
            next.push(b);
          }
        }
      }
    }
    frontier = next;
  }
  return depth;
}

const unreachable: GoalSolution = {
  best: null,
  lowerBound: Infinity,
  exact: true,
  alternatives: [],
  alternativesTruncated: false,
};

export function solveGoal(
  graph: AttackGraph,
  goalKey: string,
  limits: SolveLimits = defaultLimits,
  watchers = watchersOf(graph),
): { problem?: GoalProblem; solution: GoalSolution } {
  const goal = graph.index.get(goalKey);
  // No rule can ever derive it: unreachable, and provably so.
  if (goal === undefined) return { solution: unreachable };
  const problem = new GoalProblem(graph, watchers, goal);
  const cost = (set: readonly number[]) => set.reduce((s, m) => s + graph.messUps[m]!.cost, 0);
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
  const budget: HittingSetBudget = { nodes: limits.maxNodes };
  const cores: number[][] = [];
  let best: Solution | undefined;
  let lowerBound = 0;
  for (let round = 0; round < limits.maxRounds && !best; round++) {
    const hit = minHittingSet(cores, [], costs, Infinity, budget);
    if (hit === 'budget' || hit === undefined) break;
    lowerBound = hit.cost;
    // The cheapest set that hits every core reaches the goal: nothing cheaper can.
    if (problem.reaches(hit.set)) best = { messUps: hit.set, cost: hit.cost };
    else cores.push(problem.core(hit.set));
  }
  const exact = best !== undefined;
  if (!best) {
    // Out of budget: settle for a solution that is not proven optimal, and say so.
    const greedy = problem.minimise(all);
    best = { messUps: greedy, cost: cost(greedy) };
  }

  const alternatives: Solution[] = [];
  let alternativesTruncated = false;
  if (exact) {
    alternativesTruncated = true;
    // Every other minimal set up to MUT + 1, in cost order: block what was found, keep
    // learning cores, until nothing within the limit is left.
    const limit = best.cost + 1;
    const blocks: number[][] = [best.messUps];
    const startWork = problem.work();
    for (
      let round = 0;
      round < limits.alternativeRounds && problem.work() - startWork < limits.alternativeWork;
      round++
    ) {
      const hit = minHittingSet(cores, blocks, costs, limit, budget);
      if (hit === 'budget') break;
      if (hit === undefined) {
        alternativesTruncated = false;
        break;
      }
      if (problem.reaches(hit.set)) {
        if (alternatives.length >= limits.alternativesCap) break;
        alternatives.push({ messUps: hit.set, cost: hit.cost });
        blocks.push(hit.set);
      } else {
        cores.push(problem.core(hit.set));
      }
    }
  }
  alternatives.sort((a, b) => a.cost - b.cost || compareIds(graph, a.messUps, b.messUps));
  return { problem, solution: { best, lowerBound, exact, alternatives, alternativesTruncated } };
}

function compareIds(graph: AttackGraph, a: readonly number[], b: readonly number[]): number {
  const key = (s: readonly number[]) => s.map((m) => graph.messUps[m]!.id).join('|');
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
