import type { AttackGraph } from '../../src/engine/graph/graph.ts';

/** Everything of a graph the search and the report read, in plain values. */
export function plainGraph(graph: AttackGraph) {
  const rules = [];
  for (let r = 0; r < graph.rules.count; r++)
    rules.push({
      head: graph.rules.head[r],
      body: [...graph.rules.bodyOf(r)],
      technique: graph.rules.techniqueOf(r),
      at: graph.rules.atOf(r),
    });
  return {
    facts: graph.facts,
    initial: graph.initial,
    presentAt: [...graph.presentAt].sort((a, b) => a[0] - b[0]),
    rules,
    messUps: graph.messUps.map((m) => ({ id: m.id, cost: m.cost, provides: m.provides, at: m.at })),
  };
}
