// What an input adds to the cluster it runs on: per goal, the MUT of the baseline alone and
// with the input, and the ways in that need at least one of the input's objects. An
// application is judged by what it contributes, not by the cluster's defaults (docs/engine.md,
// "What the input adds").

import { buildGraph } from './graph/buildGraph';
import { analyze } from './index';
import { componentOf } from './model/staticPods';
import { buildModel } from './model/buildModel';
import { threatModelApiVersion, threatModelKind } from './model/threatModel';
import type { KubeObject } from './manifests/document';
import { readObjects } from './manifests/objects';
import { parseFiles } from './manifests/parseFiles';
import type {
  AlternativeView,
  AnalysisResult,
  AnalyzeOptions,
  BaselineView,
  GoalResult,
} from './result';
import { watchersOf } from './tolerance/closure';
import { GoalProblem } from './tolerance/solve';
import type { InputFile } from './types';

export interface GoalContribution {
  goal: string;
  title: string;
  /** The MUT of the baseline alone (the cluster's own configuration and the ThreatModel); null: unreachable. */
  baselineMut: number | null;
  /** The MUT with the input (what is proved: the lower bound when the search stopped early). */
  mut: number | null;
  /**
   * Whether the two can be compared: a goal naming one of the input's own objects
   * (`secret:`, `exec:`), or an attacker starting in one of its pods, has no baseline value.
   */
  comparable: boolean;
  /** The input lowers the MUT (from unreachable to reachable included). */
  lowers: boolean;
  /** `baselineMut − mut` (negative: the input raises it); null when either is unreachable. */
  drop: number | null;
  /** The ways in (the witness, then the other ways) that need at least one of the input's objects. */
  opened: AlternativeView[];
}

export interface Contribution {
  baseline: BaselineView;
  goals: GoalContribution[];
}

/**
 * Kinds that describe the cluster rather than what runs on it: with the ThreatModel, they
 * are the baseline the input is compared with (real formats still override the profile).
 */
const clusterKinds = new Set([
  'ThreatModel',
  'ClusterConfiguration',
  'InitConfiguration',
  'JoinConfiguration',
  'KubeletConfiguration',
  'AuthenticationConfiguration',
  'AuthorizationConfiguration',
  'AdmissionConfiguration',
  'PodSecurityConfiguration',
  'ClusterConfig',
  'ContainerCluster',
  'Node',
]);

/** The objects are read again after the analysis, which reported their type errors. */
const unchecked = { typeErrors: false };

function describesCluster(o: KubeObject): boolean {
  return clusterKinds.has(o.kind) || componentOf(o) !== undefined;
}

/**
 * The input reduced to what describes the cluster, one JSON document per object (an object
 * inside a `kind: List` is cut out of it). The files are named `<file> (baseline)`: the parse
 * cache is kept by path, and the input's own entries must stay for its next analysis.
 */
export function baselineFiles(files: readonly InputFile[]): InputFile[] {
  return clusterFiles(readObjects(parseFiles(files).documents, unchecked).objects);
}

function clusterFiles(objects: readonly KubeObject[]): InputFile[] {
  const byFile = new Map<string, string[]>();
  for (const o of objects) {
    if (!describesCluster(o)) continue;
    const docs = byFile.get(o.doc.file) ?? [];
    docs.push(JSON.stringify(o.raw));
    byFile.set(o.doc.file, docs);
  }
  return [...byFile].map(([path, docs]) => ({
    path: `${path} (baseline)`,
    text: docs.join('\n---\n') + '\n',
  }));
}

/**
 * Compares the input with its baseline alone. `withInput` is the input's own analysis when
 * the caller has it already (it must come from the same files and options).
 */
export function contribution(
  files: readonly InputFile[],
  options: AnalyzeOptions = {},
  withInput: AnalysisResult = analyze(files, options),
): Contribution {
  const goals = withInput.goals.map((g) => g.goal);
  const objects = readObjects(parseFiles(files).documents, unchecked).objects;
  const base = clusterFiles(objects);
  const alone = analyze(base, {
    ...options,
    goals,
    findings: false,
    baseline: withInput.baseline.id,
  });
  const start = options.start;
  const reach = reachability(base, goals, withInput.baseline.id, start);
  const startsInInput = (start ?? startOf(objects) ?? '').startsWith('pod:');
  return {
    baseline: withInput.baseline,
    goals: withInput.goals.map((g, i) => {
      const b = alone.goals[i]!;
      const mut = proved(g);
      const baselineMut = b.mut;
      return {
        goal: g.goal,
        title: g.title,
        baselineMut,
        mut,
        comparable: !/^(secret|exec):/.test(g.goal) && !startsInInput,
        lowers: mut !== null && (baselineMut === null || mut < baselineMut),
        drop: mut === null || baselineMut === null ? null : baselineMut - mut,
        opened: waysIn(g).filter((way) => !reach(g.goal, way)),
      };
    }),
  };
}

/** What is proved of a goal: its MUT, or its lower bound when the search stopped early. */
function proved(g: GoalResult): number | null {
  if (g.mut === null) return null;
  return g.exact ? g.mut : g.lowerBound;
}

function waysIn(g: GoalResult): AlternativeView[] {
  if (!g.witness) return [];
  const cost = g.witness.messUps.reduce((sum, m) => sum + m.cost, 0);
  return [{ messUps: g.witness.messUps, cost }, ...g.alternatives];
}

/** Where the ThreatModel puts the attacker (read the engine's way, from the parsed input). */
function startOf(objects: readonly KubeObject[]): string | undefined {
  const tm = objects.find(
    (o) => o.kind === threatModelKind && o.apiVersion === threatModelApiVersion,
  );
  const spec = tm?.raw.spec as { attacker?: { start?: unknown } } | undefined;
  const start = spec?.attacker?.start;
  return typeof start === 'string' ? start : undefined;
}

/**
 * "Does this way in reach the goal on the baseline alone?": every one of its mess-ups must
 * exist there (a mess-up about one of the input's objects does not), and together they
 * must reach the goal.
 */
function reachability(
  files: readonly InputFile[],
  goals: readonly string[],
  baseline: string,
  start: string | undefined,
): (goal: string, way: AlternativeView) => boolean {
  const { model } = buildModel(readObjects(parseFiles(files).documents, unchecked).objects, {
    baseline,
  });
  const graph = buildGraph(model, goals, start ?? model.threat.start);
  const watchers = watchersOf(graph);
  const index = new Map(graph.messUps.map((m, i) => [m.id, i]));
  const problems = new Map<string, GoalProblem | undefined>();
  return (goal, way) => {
    if (!problems.has(goal)) {
      const id = graph.idOf(`goal:${goal}`);
      problems.set(goal, id === undefined ? undefined : new GoalProblem(graph, watchers, id));
    }
    const problem = problems.get(goal);
    if (!problem) return false;
    const set: number[] = [];
    for (const m of way.messUps) {
      const i = index.get(m.id);
      if (i === undefined) return false;
      set.push(i);
    }
    return problem.reaches(set);
  };
}
