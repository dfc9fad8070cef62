import { buildGraph } from '../../src/engine/graph/buildGraph.ts';
import type { AttackGraph } from '../../src/engine/graph/graph.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import type { InputFile } from '../../src/engine/types.ts';

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

/** The graph grounded with unheld identities' grants left out, and grounded in full. */
export function groundedBothWays(files: readonly InputFile[]) {
  const { model } = buildModel(readObjects(parseFiles(files).documents).objects);
  const goals = model.threat.goals.map((g) => g.id);
  return {
    leftOut: buildGraph(model, goals, model.threat.start),
    full: buildGraph(model, goals, model.threat.start, false),
  };
}
