import { describeFact, isCondition } from '../graph/facts';
import type { AttackGraph } from '../graph/graph';
import { resolve } from '../manifests/locate';
import type { MessUpView, StepView, WitnessView } from '../result';
import { techniqueById } from '../techniques';
import type { SourceLocation } from '../types';
import type { GoalProblem, Solution } from './solve';

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
    const needed = new Set<number>();
    const seen = new Set<number>();
    const stack = [problem.goal];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const r = closure.by[f]!;
      if (r < 0) continue;
      needed.add(r);
      for (const b of graph.rules[r]!.body) stack.push(b);
    }
    const position = new Map<number, number>();
    closure.order().forEach((f, i) => position.set(f, i));
    const rules = [...needed].sort(
      (a, b) =>
        (position.get(graph.rules[a]!.head) ?? 0) - (position.get(graph.rules[b]!.head) ?? 0),
    );

    /** The mess-ups and written lines behind a condition, through bookkeeping rules. */
    const causes = (f: number, messUps: Set<number>, at: SourceLocation[], depth = 0): void => {
      const m = providedBy.get(f);
      if (m !== undefined) {
        messUps.add(m);
        return;
      }
      const present = graph.presentAt.get(f);
      if (present) at.push(...present.map(resolve));
      const r = closure.by[f]!;
      if (r >= 0 && depth < 8 && graph.rules[r]!.technique === '')
        for (const b of graph.rules[r]!.body) causes(b, messUps, at, depth + 1);
    };

    const steps: StepView[] = [];
    for (const r of rules) {
      const rule = graph.rules[r]!;
      const headKey = graph.facts[rule.head]!;
      if (rule.technique === '' || isCondition(headKey)) continue;
      const messUps = new Set<number>();
      const at: SourceLocation[] = rule.at.map(resolve);
      for (const b of rule.body)
        if (isCondition(graph.facts[b]!) || graph.facts[b]!.startsWith('m:'))
          causes(b, messUps, at);
      const capability = rule.body
        .map((b) => graph.facts[b]!)
        .filter((k) => !isCondition(k) && !k.startsWith('m:'))
        .pop();
      const technique = techniqueById.get(rule.technique);
      steps.push({
        technique: rule.technique,
        title: technique?.title ?? rule.technique,
        from: describeFact(capability ?? graph.facts[rule.body[0]!] ?? ''),
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
