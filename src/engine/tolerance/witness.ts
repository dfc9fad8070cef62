import { describeFact, isCondition } from '../graph/facts';
import type { AttackGraph } from '../graph/graph';
import { resolve } from '../manifests/locate';
import type { MessUpView, StepView, WitnessView } from '../result';
import { techniqueById } from '../techniques';
import type { SourceLocation } from '../types';
import type { Closure } from './closure';
import { flatRules } from './flatRules';
import { linkStepOf } from './linkSteps';
import type { GoalProblem, Solution } from './solve';
import { scratchFloat64s, scratchInt32s, scratchSlot, scratchUint8s } from '../typedArrays';

// The proofs' arrays are sized to the graph and live no longer than one call (see
// `scratchSlot`): a proof state (`freshState`: the witness's, the attack lengths' today), a
// set's own entries in the attack lengths, the steps on to the goal and their queue.
const proofCost = scratchSlot();
const proofBest = scratchSlot();
const proofRemaining = scratchSlot();
const proofSum = scratchSlot();
const proofDone = scratchSlot();
const witnessVisited = scratchSlot();
const todayHeld = scratchSlot();
const ownCost = scratchSlot();
const ownCostIn = scratchSlot();
const ownRemaining = scratchSlot();
const ownSum = scratchSlot();
const ownRuleIn = scratchSlot();
const ownSettledIn = scratchSlot();
const goalSteps = scratchSlot();
const goalStepsQueue = scratchSlot();

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
 * order they fired. Bookkeeping rules that carry the attack from one thing held to another
 * (group membership, wider rights: ./linkSteps.ts) are steps of their own; the others (a
 * condition a mess-up switches on, a goal named after what reaches it) are folded into the
 * steps that use them.
 */
export function witness(graph: AttackGraph, problem: GoalProblem, solution: Solution): WitnessView {
  const given = providedAnew(graph, problem, solution.messUps);
  const closure = problem.derive(solution.messUps);
  try {
    const providedBy = new Map<number, number>();
    for (const m of solution.messUps)
      for (const p of graph.messUps[m]!.provides) if (!providedBy.has(p)) providedBy.set(p, m);
    const { best: by } = shortestProof(graph, closure, given, problem.goal, problem.ruleMask);
    // Rules of the proof, each after the rules that give its body (post-order).
    const rules: number[] = [];
    const visited = scratchUint8s(witnessVisited, graph.facts.length, 0);
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
      const headKey = graph.facts[graph.rules.head[r]!]!;
      if (isCondition(headKey)) continue;
      // A bookkeeping rule is a step of its own where it carries the attack from one thing
      // held to another (a group, rights in a namespace): without it the next step would
      // start from something no step reached. Others (a goal named after what reaches it)
      // are left out.
      const capability = lastCapability(graph, r);
      let id = graph.rules.techniqueOf(r);
      let title = techniqueById.get(id)?.title;
      if (id === '') {
        const link = capability === undefined ? undefined : linkStepOf(headKey, capability);
        if (!link) continue;
        id = link.id;
        title = link.title;
      }
      const messUps = new Set<number>();
      const at: SourceLocation[] = graph.rules.atOf(r).map(resolve);
      for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++)
        if (!isCapability(graph.facts[body[j]!]!)) causes(body[j]!, messUps, at);
      const first = bodyStart[r]! < bodyStart[r + 1]! ? graph.facts[body[bodyStart[r]!]!] : '';
      steps.push({
        technique: id,
        title: title ?? id,
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

/** Conditions and mess-ups are a step's causes; anything else is held by the attacker. */
const isCapability = (key: string) => !isCondition(key) && !key.startsWith('m:');

/** What a step starts from: the last capability in rule `r`'s body. */
function lastCapability(graph: AttackGraph, r: number): string | undefined {
  let capability: string | undefined;
  for (const f of graph.rules.bodyOf(r)) {
    const key = graph.facts[f]!;
    if (isCapability(key)) capability = key;
  }
  return capability;
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
 * With `goal`, stops once nothing can make the goal's cost lower. With `relevant` (the
 * goal's problem's rules that derive a fact the goal can be derived from), the other rules
 * are passed over: their heads never lead to the goal, and the closure `holds` comes from
 * derived none of them, so they change no fact's cost that matters.
 */
function settle(
  graph: AttackGraph,
  state: ProofState,
  sources: readonly number[],
  holds: Uint8Array,
  goal = -1,
  relevant?: Uint8Array,
): void {
  const { cost, best, remaining, sum, done } = state;
  const { watchers, head: heads, steps } = flatRules(graph);
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
        if (relevant !== undefined && relevant[r] === 0) continue;
        sum[r]! += c;
        if (--remaining[r]! > 0) continue;
        const head = heads[r]!;
        if (!holds[head]) continue;
        const next = sum[r]! + steps[r]!;
        if (next < cost[head]!) {
          cost[head] = next;
          best[head] = r;
          (buckets[next] ??= []).push(head);
        }
      }
    }
  }
}

/**
 * A fresh state: every fact unproved, every rule's body unsettled. On the proofs' kept memory:
 * the state of the last call is gone.
 */
function freshState(graph: AttackGraph): ProofState {
  const n = graph.facts.length;
  const remaining = scratchInt32s(proofRemaining, graph.rules.count);
  remaining.set(flatRules(graph).bodySize);
  return {
    cost: scratchFloat64s(proofCost, n, Infinity),
    best: scratchInt32s(proofBest, n, -1),
    remaining,
    sum: scratchFloat64s(proofSum, graph.rules.count, 0),
    done: scratchUint8s(proofDone, n, 0),
  };
}

/**
 * For each fact that holds, the rule of its shortest derivation (fewest technique steps,
 * bookkeeping rules free), by Knuth's AND/OR Dijkstra over the derived facts. The attack a
 * learner watches is then the most direct one, not the first one propagation happened on.
 * Facts given cost 0: today's, and `provided`, what the mess-ups add to today's (a fact a
 * mess-up provides is given even where a rule also derives it from the others: the closure
 * that says which came first follows the order the mess-ups are applied in).
 *
 * With `goal`, only the goal's proof is settled (see `settle`): its facts' rules are those of
 * the full settling, which sets a fact's rule only when its cost drops, and the facts behind
 * the goal's proof all settle, in the same order, before the goal's last rule fires. The
 * witness reads nothing else; settling every fact that held was half its time on clusters of
 * thousands of objects.
 */
function shortestProof(
  graph: AttackGraph,
  closure: Closure,
  provided: readonly number[],
  goal = -1,
  relevant?: Uint8Array,
): ProofState {
  const state = freshState(graph);
  const given: number[] = [];
  for (let f = 0; f < graph.facts.length; f++)
    if (closure.holds[f] && closure.by[f] === -1) {
      state.cost[f] = 0;
      given.push(f);
    }
  for (const p of provided)
    if (state.cost[p] !== 0) {
      state.cost[p] = 0;
      given.push(p);
    }
  settle(graph, state, given, closure.holds, goal, relevant);
  return state;
}

/** The facts the mess-ups of `set` provide that do not hold today. */
function providedAnew(graph: AttackGraph, problem: GoalProblem, set: readonly number[]): number[] {
  const today = problem.derive([]);
  const out: number[] = [];
  for (const m of set) for (const p of graph.messUps[m]!.provides) if (!today.holds[p]) out.push(p);
  return out;
}

/** Technique steps of the shortest attack `set` makes possible (Infinity: none). */
export function attackLength(
  graph: AttackGraph,
  problem: GoalProblem,
  set: readonly number[],
): number {
  const given = providedAnew(graph, problem, set);
  const closure = problem.derive(set);
  try {
    return shortestProof(graph, closure, given).cost[problem.goal]!;
  } finally {
    problem.reset();
  }
}

/**
 * `attackLength` for each of `sets`, of one problem. Today's proof (no mess-up) is settled once,
 * in full; each set's proof starts from a copy of it and settles only what the set changes:
 * its new given facts, the facts they newly derive, and the facts they make cheaper, until
 * the goal's cost is settled. Costs are exact whichever way they are reached (Knuth's
 * algorithm finds the least cost of each fact), so the lengths are those of a proof from
 * scratch, which `test/engine/attackLengths.test.ts` checks.
 *
 * Ranking the sets at MUT (up to 21 a goal) cleared and re-settled today's whole proof for
 * each set: a fifth to a third of a large cluster's analysis. Then each set's proof started
 * from a copy of today's (four arrays; an earlier version that logged each change to undo it
 * afterwards was slower than the copy on small clusters); on a cluster dump (180,000 facts,
 * 380,000 rules, 90 sets at MUT a goal) the copies were 6 MB a set. Now an entry of a set's
 * proof is today's until the set writes it, which stamps it with the set's round.
 */
export function attackLengths(
  graph: AttackGraph,
  problem: GoalProblem,
  sets: readonly (readonly number[])[],
): number[] {
  const { rules, messUps } = graph;
  const { watchers, head: heads, steps } = flatRules(graph);
  // Rules whose head cannot lead to the goal (no way on, as `toGoal` says) are passed over:
  // what they would derive never enters a set's proof.
  const { ruleMask: relevant } = problem;
  const today = freshState(graph);
  const todayHolds = scratchUint8s(todayHeld, graph.facts.length);
  const closure = problem.derive([]);
  try {
    todayHolds.set(closure.holds);
    const given: number[] = [];
    for (let f = 0; f < graph.facts.length; f++)
      if (closure.holds[f] && closure.by[f] === -1) {
        today.cost[f] = 0;
        given.push(f);
      }
    settle(graph, today, given, closure.holds, -1, relevant);
  } finally {
    problem.reset();
  }
  // A fact's cost and a rule's counters are the set's own where stamped with its round.
  const cost = scratchFloat64s(ownCost, graph.facts.length);
  const costIn = scratchInt32s(ownCostIn, graph.facts.length, 0);
  const remaining = scratchInt32s(ownRemaining, rules.count);
  const sum = scratchFloat64s(ownSum, rules.count);
  const ruleIn = scratchInt32s(ownRuleIn, rules.count, 0);
  // The round in which each fact was settled again (0: only in today's proof).
  const settledIn = scratchInt32s(ownSettledIn, graph.facts.length, 0);
  let round = 0;
  const goal = problem.goal;
  const toGoal = stepsToGoal(graph, goal);
  const costOf = (f: number) => (costIn[f] === round ? cost[f]! : today.cost[f]!);
  const setCost = (f: number, c: number) => {
    costIn[f] = round;
    cost[f] = c;
  };
  return sets.map((set) => {
    round++;
    // The set's given facts: what its mess-ups provide that does not hold today (a fact that
    // holds today keeps today's cost and derivation).
    // Facts in buckets by their cost plus their least steps on to the goal (A*): that sum
    // only grows along a derivation (a rule's head costs its body's sum and a step more, and
    // a body fact is at most a step further from the goal than the head), so a fact comes out
    // at its final cost, and nothing that comes out at or past the goal's cost can lower it.
    // By cost alone, the way before, a set settled every fact cheaper than the goal first: on
    // a cluster dump 6,500 a set (all a new binding grants), of which few lead to the goal.
    // A fact with no way on to the goal never enters.
    const buckets: number[][] = [];
    const enter = (f: number, c: number) => {
      const steps = toGoal[f]!;
      if (steps !== Infinity) (buckets[c + steps] ??= []).push(f);
    };
    for (const m of set)
      for (const p of messUps[m]!.provides)
        if (!todayHolds[p] && costOf(p) !== 0) {
          setCost(p, 0);
          enter(p, 0);
        }
    for (let k = 0; k < buckets.length; k++) {
      if (k >= costOf(goal)) break;
      const bucket = buckets[k];
      if (!bucket) continue;
      for (let i = 0; i < bucket.length; i++) {
        const f = bucket[i]!;
        const c = costOf(f);
        if (settledIn[f] === round || c + toGoal[f]! !== k) continue;
        settledIn[f] = round;
        // A fact of today's proof is already in its rules' sums, at today's cost.
        const counted = today.done[f] === 1;
        const lower = counted ? today.cost[f]! - c : 0;
        for (let w = watchers.start[f]!; w < watchers.start[f + 1]!; w++) {
          const r = watchers.rules[w]!;
          if (relevant[r] === 0) continue;
          if (ruleIn[r] !== round) {
            ruleIn[r] = round;
            remaining[r] = today.remaining[r]!;
            sum[r] = today.sum[r]!;
          }
          if (counted) {
            sum[r]! -= lower;
            if (remaining[r]! > 0) continue;
          } else {
            sum[r]! += c;
            if (--remaining[r]! > 0) continue;
          }
          // Every body fact derived: the head is derived too (what the closure would derive,
          // and more only where a rule cannot lead to the goal: such facts never enter).
          const head = heads[r]!;
          const next = sum[r]! + steps[r]!;
          if (next < costOf(head)) {
            setCost(head, next);
            enter(head, next);
          }
        }
      }
    }
    return costOf(goal);
  });
}

/**
 * For each fact, the fewest technique steps from it on to `goal` along any chain of rules
 * (the rules' other body facts taken as free): a lower bound on what an attack through the
 * fact still costs after it. Backwards from the goal, bookkeeping rules free (0-1 BFS).
 */
function stepsToGoal(graph: AttackGraph, goal: number): Float64Array {
  const { byHeadStart, byHead, bodyStart, body, steps: ruleSteps } = flatRules(graph);
  const steps = scratchFloat64s(goalSteps, graph.facts.length, Infinity);
  steps[goal] = 0;
  // A 0-1 breadth-first search: a deque in a ring, free steps at its front, others at its
  // back. A fact enters it at most once per (rule, body fact) pair, and the goal once. (Two
  // growing arrays of the current and next distance, the way before, were young garbage that
  // a cluster dump's scavenges copied: 200 ms a goal at 180,000 facts.)
  const size = body.length + 1;
  const deque = scratchInt32s(goalStepsQueue, size);
  let front = 0;
  let length = 1;
  deque[0] = goal;
  while (length > 0) {
    const f = deque[front]!;
    front = front + 1 === size ? 0 : front + 1;
    length--;
    const d = steps[f]!;
    for (let k = byHeadStart[f]!; k < byHeadStart[f + 1]!; k++) {
      const r = byHead[k]!;
      const free = ruleSteps[r] === 0;
      const s = d + ruleSteps[r]!;
      for (let j = bodyStart[r]!; j < bodyStart[r + 1]!; j++) {
        const b = body[j]!;
        if (s >= steps[b]!) continue;
        steps[b] = s;
        if (free) {
          front = front === 0 ? size - 1 : front - 1;
          deque[front] = b;
        } else deque[(front + length) % size] = b;
        length++;
      }
    }
  }
  return steps;
}
