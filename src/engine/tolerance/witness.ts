import { describeFact, isCondition } from '../graph/facts';
import type { AttackGraph } from '../graph/graph';
import { resolve } from '../manifests/locate';
import type { MessUpView, StepView, WitnessView } from '../result';
import { techniqueById } from '../techniques';
import type { SourceLocation } from '../types';
import type { Closure } from './closure';
import { flatRules } from './flatRules';
import type { GoalProblem, Solution } from './solve';
import { copyOfInt32s, float64s, int32s, uint8s } from '../typedArrays';

export function messUpView(graph: AttackGraph, index: number): MessUpView {
  const m = graph.messUps[index]!;
  return {
    id: m.id,
    template: m.template,
    title: m.title,
    category: m.category,
    cost: m.cost,
    locations: uniqueLocations(m.at.map(resolve)),
  };
}

/**
 * The attack a solution stands for: the rules of one derivation of the goal, in the
 * order they fired. Bookkeeping rules (group membership, scope widening, conditions a
 * mess-up switches on) are folded into the steps that use them.
 */
export function witness(graph: AttackGraph, problem: GoalProblem, solution: Solution): WitnessView {
  const closure = problem.derive(solution.messUps);
  try {
    const providedBy = new Map<number, number>();
    for (const m of solution.messUps)
      for (const p of graph.messUps[m]!.provides) if (!providedBy.has(p)) providedBy.set(p, m);
    const { best: by } = shortestProof(graph, closure);
    // Rules of the proof, each after the rules that give its body (post-order).
    const rules: number[] = [];
    const visited = uint8s(graph.facts.length);
    const { bodyStart, body } = graph.rules;
    const visit = (f: number): void => {
      if (visited[f]) return;
      visited[f] = 1;
      const r = by[f]!;
      if (r < 0) return;
      for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) visit(body[j]!);
      rules.push(r);
    };
    visit(problem.goal);

    /** The mess-ups and written lines behind a condition, through bookkeeping rules. */
    const causes = (f: number, messUps: Set<number>, at: SourceLocation[], depth = 0): void => {
      const m = providedBy.get(f);
      if (m !== undefined) {
        messUps.add(m);
        return;
      }
      const present = graph.presentAt.get(f);
      if (present) at.push(...present.map(resolve));
      const r = by[f]!;
      if (r >= 0 && depth < 8 && graph.rules.techniqueOf(r) === '')
        for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++)
          causes(body[j]!, messUps, at, depth + 1);
    };

    const steps: StepView[] = [];
    for (const r of rules) {
      const id = graph.rules.techniqueOf(r);
      const headKey = graph.facts[graph.rules.head[r]!]!;
      if (id === '' || isCondition(headKey)) continue;
      const messUps = new Set<number>();
      const at: SourceLocation[] = graph.rules.atOf(r).map(resolve);
      // What the step starts from: the last capability in its body (conditions and
      // mess-ups are its causes, not its starting point).
      let capability: string | undefined;
      for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) {
        const key = graph.facts[body[j]!]!;
        if (isCondition(key) || key.startsWith('m:')) causes(body[j]!, messUps, at);
        else capability = key;
      }
      const first = bodyStart[r]! < bodyStart[r + 1]! ? graph.facts[body[bodyStart[r]!]!] : '';
      const technique = techniqueById.get(id);
      steps.push({
        technique: id,
        title: technique?.title ?? id,
        from: describeFact(capability ?? first ?? ''),
        to: describeFact(headKey),
        fromFact: capability ?? '',
        toFact: headKey,
        messUps: [...messUps].sort((a, b) => a - b).map((m) => graph.messUps[m]!.id),
        locations: uniqueLocations(at),
      });
    }
    return { messUps: solution.messUps.map((m) => messUpView(graph, m)), steps };
  } finally {
    problem.reset();
  }
}

export function uniqueLocations(list: readonly SourceLocation[]): SourceLocation[] {
  const seen = new Set<string>();
  const out: SourceLocation[] = [];
  for (const l of list) {
    const key = `${l.file}:${l.line}:${l.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l);
  }
  return out;
}

/** Knuth's state: each fact's cost and rule, and per rule its body facts not yet settled and their costs' sum. */
interface ProofState {
  cost: Float64Array;
  best: Int32Array;
  remaining: Int32Array;
  sum: Float64Array;
  done: Uint8Array;
}

/**
 * Knuth's AND/OR Dijkstra over the facts that hold, from `sources` (facts given, cost 0).
 * With `goal`, stops once nothing can make the goal's cost lower.
 */
function settle(
  graph: AttackGraph,
  state: ProofState,
  sources: readonly number[],
  holds: Uint8Array,
  goal = -1,
): void {
  const { cost, best, remaining, sum, done } = state;
  const { rules } = graph;
  const { watchers } = flatRules(graph);
  // Costs are small integers: a bucket queue is enough.
  const buckets: number[][] = [[...sources]];
  for (let c = 0; c < buckets.length; c++) {
    if (goal >= 0 && c >= cost[goal]!) return;
    const bucket = buckets[c];
    if (!bucket) continue;
    for (let i = 0; i < bucket.length; i++) {
      const f = bucket[i]!;
      if (done[f] || cost[f] !== c) continue;
      done[f] = 1;
      for (let w = watchers.start[f]!; w < watchers.start[f + 1]!; w++) {
        const r = watchers.rules[w]!;
        sum[r]! += c;
        if (--remaining[r]! > 0) continue;
        const head = rules.head[r]!;
        if (!holds[head]) continue;
        const next = sum[r]! + (rules.techniqueOf(r) === '' ? 0 : 1);
        if (next < cost[head]!) {
          cost[head] = next;
          best[head] = r;
          (buckets[next] ??= []).push(head);
        }
      }
    }
  }
}

/** A fresh state: every fact unproved, every rule's body unsettled. */
function freshState(graph: AttackGraph): ProofState {
  const n = graph.facts.length;
  return {
    cost: float64s(n, Infinity),
    best: int32s(n, -1),
    remaining: copyOfInt32s(flatRules(graph).bodySize),
    sum: float64s(graph.rules.count),
    done: uint8s(n),
  };
}

/**
 * For each fact that holds, the rule of its shortest derivation (fewest technique steps,
 * bookkeeping rules free), by Knuth's AND/OR Dijkstra over the derived facts. The attack a
 * learner watches is then the most direct one, not the first one propagation happened on.
 * Facts given, not derived, cost 0.
 */
function shortestProof(graph: AttackGraph, closure: Closure): ProofState {
  const state = freshState(graph);
  const given: number[] = [];
  for (let f = 0; f < graph.facts.length; f++)
    if (closure.holds[f] && closure.by[f] === -1) {
      state.cost[f] = 0;
      given.push(f);
    }
  settle(graph, state, given, closure.holds);
  return state;
}

/** Technique steps of the shortest attack `set` makes possible (Infinity: none). */
export function attackLength(
  graph: AttackGraph,
  problem: GoalProblem,
  set: readonly number[],
): number {
  const closure = problem.derive(set);
  try {
    return shortestProof(graph, closure).cost[problem.goal]!;
  } finally {
    problem.reset();
  }
}

/**
 * `attackLength` for many sets of one problem, with one state reused (cleared, not allocated)
 * and each proof stopped once the goal's cost is settled. Ranking the sets at MUT with a whole
 * proof and new arrays each was two thirds of the CPU of a 50,000-object dump (about 21 sets a
 * goal). (Continuing today's proof from each set's new facts instead was measured slower: a
 * set at MUT adds most of the facts the goal needs, and the bookkeeping to put the state back
 * cost more than clearing it.)
 */
export function attackLengths(
  graph: AttackGraph,
  problem: GoalProblem,
): (set: readonly number[]) => number {
  const state = freshState(graph);
  const { bodySize } = flatRules(graph);
  const given: number[] = [];
  return (set) => {
    const closure = problem.derive(set);
    try {
      state.cost.fill(Infinity);
      state.best.fill(-1);
      state.remaining.set(bodySize);
      state.sum.fill(0);
      state.done.fill(0);
      given.length = 0;
      for (let f = 0; f < graph.facts.length; f++)
        if (closure.holds[f] && closure.by[f] === -1) {
          state.cost[f] = 0;
          given.push(f);
        }
      settle(graph, state, given, closure.holds, problem.goal);
      return state.cost[problem.goal]!;
    } finally {
      problem.reset();
    }
  };
}
