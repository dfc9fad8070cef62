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

/** What `settle` changed, so that a scratch state can be put back. */
interface ProofLog {
  facts: number[];
  rules: number[];
}

/**
 * Knuth's AND/OR Dijkstra over the facts that hold, from `sources` (facts whose cost was just
 * set). `counted`: the cost each fact had when it was added into its rules' sums (Infinity:
 * never added), for a state that continues an earlier proof. With `goal`, stops once nothing
 * can make the goal's cost lower.
 */
function settle(
  graph: AttackGraph,
  state: ProofState,
  sources: readonly number[],
  holds: Uint8Array,
  counted?: Float64Array,
  goal = -1,
  log?: ProofLog,
): void {
  const { cost, best, remaining, sum, done } = state;
  const { rules } = graph;
  const { watchers } = flatRules(graph);
  // Costs are small integers: a bucket queue is enough.
  const buckets: number[][] = [];
  for (const f of sources) (buckets[cost[f]!] ??= []).push(f);
  for (let c = 0; c < buckets.length; c++) {
    if (goal >= 0 && c >= cost[goal]!) return;
    const bucket = buckets[c];
    if (!bucket) continue;
    for (let i = 0; i < bucket.length; i++) {
      const f = bucket[i]!;
      if (done[f] || cost[f] !== c) continue;
      done[f] = 1;
      const old = counted ? counted[f]! : Infinity;
      for (let w = watchers.start[f]!; w < watchers.start[f + 1]!; w++) {
        const r = watchers.rules[w]!;
        log?.rules.push(r);
        if (old === Infinity) {
          sum[r]! += c;
          if (--remaining[r]! > 0) continue;
        } else {
          sum[r]! -= old - c;
          if (remaining[r]! > 0) continue;
        }
        const head = rules.head[r]!;
        if (!holds[head]) continue;
        const next = sum[r]! + (rules.techniqueOf(r) === '' ? 0 : 1);
        if (next < cost[head]!) {
          cost[head] = next;
          best[head] = r;
          log?.facts.push(head);
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
 * `attackLength` for many sets of one problem: today's shortest proof is worked out once, and
 * each set only lowers it from the facts the set adds (costs only go down as facts are added,
 * so this is the same algorithm started from the old costs). Ranking the sets at MUT with a
 * proof over the whole graph each was two thirds of the CPU of a 50,000-object dump (about 21
 * sets a goal).
 */
export function attackLengths(
  graph: AttackGraph,
  problem: GoalProblem,
): (set: readonly number[]) => number {
  const base = problem.derive([]);
  const start = base.mark();
  const today = shortestProof(graph, base);
  problem.reset();
  const scratch: ProofState = {
    cost: today.cost.slice(),
    best: today.best.slice(),
    remaining: today.remaining.slice(),
    sum: today.sum.slice(),
    done: uint8s(graph.facts.length),
  };
  const goal = problem.goal;
  return (set) => {
    const closure = problem.derive(set);
    const log: ProofLog = { facts: [], rules: [] };
    try {
      const sources: number[] = [];
      for (const f of closure.addedSince(start))
        if (closure.by[f] === -1) {
          scratch.cost[f] = 0;
          sources.push(f);
          log.facts.push(f);
        }
      settle(graph, scratch, sources, closure.holds, today.cost, goal, log);
      return scratch.cost[goal]!;
    } finally {
      for (const f of log.facts) {
        scratch.cost[f] = today.cost[f]!;
        scratch.best[f] = today.best[f]!;
        scratch.done[f] = 0;
      }
      for (const r of log.rules) {
        scratch.remaining[r] = today.remaining[r]!;
        scratch.sum[r] = today.sum[r]!;
      }
      problem.reset();
    }
  };
}
