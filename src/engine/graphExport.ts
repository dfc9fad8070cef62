// The grounded attack graph as plain edges, for comparing the engine with other attack-graph
// tools (KubeHound, say) and for anyone who wants the graph rather than the MUT number.
// Pure: it reads the same input as `analyze` and builds the same graph, and solves nothing.

import { isCondition } from './graph/facts';
import { buildGraph } from './graph/buildGraph';
import { objectRef } from './manifests/document';
import { readObjects } from './manifests/objects';
import { parseFiles } from './manifests/parseFiles';
import { buildModel } from './model/buildModel';
import type { ClusterModel } from './model/types';
import { techniqueById } from './techniques';
import type { InputFile, Reference } from './types';

/** One grounded rule: `body` (capabilities and conditions) gives `to`. */
export interface ExportedEdge {
  /** The technique's id; empty for bookkeeping rules (group membership, scope widening, goals). */
  technique: string;
  /** The technique's references (`kubehound:CE_PRIV_MOUNT`, `attack:T1611`, ...). */
  references: Reference[];
  /**
   * The capability the step starts from: the first capability of the body other than
   * `reach:api` (which many API steps need besides the identity or right that matters), else
   * `reach:api`, else, for a rule made only of conditions, its first condition.
   */
  from: string;
  to: string;
  /** Every fact of the body, capabilities and conditions (`c:` prefix), in rule order. */
  body: string[];
  /** The body's conditions that do not hold today. */
  blockedBy: string[];
  /** The rule fires today: every condition of its body holds (capabilities aside). */
  fires: boolean;
  /** The objects whose lines enable the rule, as `Kind ns/name` (a binding, a pod, ...). */
  objects: string[];
}

export interface ExportedGraph {
  edges: ExportedEdge[];
  /** Conditions that hold today (and the starting positions), sorted. */
  holds: string[];
  /** Every fact of the graph. */
  facts: string[];
  /** The model the graph was grounded over (nodes, pods, grants...), for mapping names. */
  model: ClusterModel;
}

export interface ExportOptions {
  /** Goals to ground (default: the ThreatModel's). Goals only add bookkeeping rules. */
  goals?: string[];
  /** Starting position (default: the ThreatModel's). */
  start?: string;
}

export function exportGraph(
  files: readonly InputFile[],
  options: ExportOptions = {},
): ExportedGraph {
  const parsed = parseFiles(files);
  const read = readObjects(parsed.documents);
  const { model } = buildModel(read.objects);
  const goals = options.goals ?? model.threat.goals.map((g) => g.id);
  const graph = buildGraph(model, goals, options.start ?? model.threat.start);
  const initial = new Set(graph.initial);
  const { rules } = graph;
  const edges = Array.from({ length: rules.count }, (_, r): ExportedEdge => {
    const ids = [...rules.bodyOf(r)];
    const body = ids.map((b) => graph.facts[b] ?? '');
    const capabilities = body.filter((k) => !isCondition(k));
    const blockedBy = ids
      .filter((b) => isCondition(graph.facts[b] ?? '') && !initial.has(b))
      .map((b) => graph.facts[b] ?? '');
    const objects = [...new Set(rules.atOf(r).map((a) => objectRef(a.object)))];
    const technique = rules.techniqueOf(r);
    return {
      technique,
      references: [...(techniqueById.get(technique)?.references ?? [])],
      from: capabilities.find((k) => k !== 'reach:api') ?? capabilities[0] ?? body[0] ?? '',
      to: graph.facts[rules.head[r]!] ?? '',
      body,
      blockedBy,
      fires: blockedBy.length === 0,
      objects,
    };
  });
  return {
    edges,
    holds: graph.initial.map((i) => graph.facts[i] ?? '').sort(),
    facts: [...graph.facts],
    model,
  };
}
