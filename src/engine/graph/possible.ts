import { flatRules } from '../tolerance/flatRules';
import { uint8s } from '../typedArrays';
import type { Fact } from './facts';
import type { AttackGraph } from './graph';

/**
 * Whether one of `facts` could hold, whatever mess-ups happen, in a world where `blocked`
 * never does: forward from today's conditions, the start and every mess-up's facts, through
 * the graph's rules (the solver's own flat copy of them, made here a little earlier).
 */
export function couldHoldWithout(
  graph: AttackGraph,
  facts: readonly Fact[],
  blocked: Fact,
): boolean {
  const targets = new Set<number>();
  for (const f of facts) {
    const id = graph.idOf(f.key);
    if (id !== undefined) targets.add(id);
  }
  if (targets.size === 0) return false;
  const { head, bodySize, axioms, watchers } = flatRules(graph);
  const stop = graph.idOf(blocked.key) ?? -1;
  const holds = uint8s(graph.facts.length);
  const missing = bodySize.slice();
  const queue: number[] = [];
  const reach = (f: number) => {
    if (holds[f] || f === stop) return;
    holds[f] = 1;
    queue.push(f);
  };
  for (const f of graph.initial) reach(f);
  for (const m of graph.messUps) for (const p of m.provides) reach(p);
  for (const r of axioms) reach(head[r]!);
  while (queue.length > 0) {
    const f = queue.pop()!;
    if (targets.has(f)) return true;
    for (let w = watchers.start[f]!; w < watchers.start[f + 1]!; w++) {
      const r = watchers.rules[w]!;
      if (--missing[r]! === 0) reach(head[r]!);
    }
  }
  return false;
}
