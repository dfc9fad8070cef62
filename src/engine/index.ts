// The MUT engine: manifests → cluster model → attack graph → mess-up tolerance.
// Pure TypeScript with no DOM: it runs in a Web Worker in the page and in Node for the
// CLI and the tests. It never throws on input; problems come back as diagnostics.

import { capDiagnostics } from './capDiagnostics';
import { findings as findingsOf } from './findings';
import { locate } from './manifests/locate';
import type { AttackGraph } from './graph/graph';
import type { ClusterModel } from './model/types';
import { buildGraph } from './graph/buildGraph';
import { readObjects } from './manifests/objects';
import { limits as parseLimits, parseFiles } from './manifests/parseFiles';
import { buildModel } from './model/buildModel';
import { goalTitle } from './model/threatModel';
import { messUpTemplates } from './messups';
import type { AnalysisResult, AnalyzeOptions, Finding, GoalResult } from './result';
import { refusedPods } from './refusedPods';
import { setTemplatesAside } from './templates';
import { getIn, strings } from './manifests/access';
import { nearest } from './nearest';
import { techniques } from './techniques';
import { watchersOf } from './tolerance/closure';
import { defaultLimits, limitsFor, runToEnd, solveGoalSteps } from './tolerance/solve';
import { messUpView, witness } from './tolerance/witness';
import type { Diagnostic, InputFile, JsonPath } from './types';

export type * from './result';
export { baselineChoices, baselines, baselineIds, type Baseline } from './baselines';
export type * from './types';
export { podSecurity, type PodSecurityReport } from './podSecurity';
export { components as componentCatalogue, type Component } from './components';
export { contribution, type Contribution, type GoalContribution } from './contribution';
export { runToEnd } from './tolerance/solve';

// The engine's lib has no DOM or Node types; both runtimes have a high-resolution clock.
const clock = (globalThis as { performance?: { now(): number } }).performance;
const now = () => (clock ? clock.now() : Date.now());

export function analyze(files: readonly InputFile[], options: AnalyzeOptions = {}): AnalysisResult {
  return runToEnd(analyzeSteps(files, options));
}

/**
 * `analyze` in steps: it pauses (yields) after building the graph and between rounds of each
 * goal's search, so the page's worker can run a long proof in slices and drop it when an
 * edit makes it pointless. Run to its end, it gives what `analyze` gives.
 */
export function* analyzeSteps(
  files: readonly InputFile[],
  options: AnalyzeOptions = {},
): Generator<void, AnalysisResult> {
  const grounded = ground(files, options);
  yield;
  return yield* solveGrounded(grounded, options);
}

/**
 * What an analysis builds before its search: the parsed manifests, the model and the attack
 * graph. The page's worker keeps it between its quick pass and its full proof, so the proof
 * grounds nothing again; read it, never change it.
 */
export interface Grounded {
  readonly model: ClusterModel;
  readonly graph: AttackGraph;
  readonly watchers: ReturnType<typeof watchersOf>;
  readonly goals: readonly string[];
  readonly diagnostics: Diagnostic[];
  readonly objects: number;
  readonly ms: { parse: number; model: number; graph: number };
  /** The findings depend on nothing but the model and graph: computed once, when asked. */
  findings?: Finding[];
}

/** Parses, models and grounds: what `solveGrounded` then searches, as often as asked. */
export function ground(
  files: readonly InputFile[],
  options: Pick<AnalyzeOptions, 'baseline' | 'goals' | 'start'> = {},
): Grounded {
  const t0 = now();
  const templates = setTemplatesAside(files);
  const parsed = parseFiles(templates.files);
  const read = readObjects(parsed.documents);
  const t1 = now();
  const { model, diagnostics: modelDiagnostics } = buildModel(read.objects, {
    baseline: options.baseline,
  });
  const t2 = now();
  const goals = options.goals?.length ? options.goals : model.threat.goals.map((g) => g.id);
  const start = options.start ?? model.threat.start;
  const graph = buildGraph(model, goals, start);
  const t3 = now();
  const diagnostics = capDiagnostics(
    [
      ...templates.diagnostics,
      ...parsed.diagnostics,
      ...read.diagnostics,
      ...modelDiagnostics,
      ...missingTargets(model, goals, start),
    ],
    { perFile: parseLimits.maxDiagnosticsPerFile, overall: parseLimits.maxDiagnostics },
  );
  return {
    model,
    graph,
    watchers: watchersOf(graph),
    goals,
    diagnostics,
    objects: read.objects.length,
    ms: { parse: t1 - t0, model: t2 - t1, graph: t3 - t2 },
  };
}

/**
 * The search over a grounded cluster, with the effort and caps of `options` (its baseline,
 * goals and start were the grounding's). Pauses between rounds of each goal's search.
 */
export function* solveGrounded(
  grounded: Grounded,
  options: Pick<AnalyzeOptions, 'effort' | 'alternativesCap' | 'findings'> = {},
): Generator<void, AnalysisResult> {
  const t3 = now();
  const { graph, model, watchers } = grounded;
  const limits = {
    ...limitsFor(options.effort ?? 1),
    alternativesCap: options.alternativesCap ?? defaultLimits.alternativesCap,
  };
  const results: GoalResult[] = [];
  for (const goal of grounded.goals) {
    const { problem, solution } = yield* solveGoalSteps(graph, `goal:${goal}`, limits, watchers);
    const best = solution.best;
    results.push({
      goal,
      title: goalTitle(goal),
      mut: best ? best.cost : null,
      lowerBound: solution.lowerBound,
      exact: solution.exact,
      witness: best && problem ? witness(graph, problem, best) : null,
      alternatives: solution.alternatives.map((a) => ({
        cost: a.cost,
        messUps: a.messUps.map((m) => messUpView(graph, m)),
      })),
      alternativesTruncated: solution.alternativesTruncated,
    });
  }
  const t4 = now();
  const { id, title } = model.threat.baseline;
  return {
    baseline: { id, title },
    goals: results,
    findings: options.findings === false ? [] : (grounded.findings ??= findingsOf(graph, model)),
    refused: refusedPods(model),
    diagnostics: grounded.diagnostics,
    stats: {
      objects: grounded.objects,
      facts: graph.facts.length,
      rules: graph.rules.count,
      messUps: graph.messUps.length,
      parseMs: grounded.ms.parse,
      modelMs: grounded.ms.model,
      graphMs: grounded.ms.graph,
      solveMs: t4 - t3,
    },
  };
}

export interface TechniqueInfo {
  id: string;
  title: string;
  description: string;
  references: string[];
  remediation: string;
}

export const techniqueCatalogue: TechniqueInfo[] = techniques.map(
  ({ id, title, description, references, remediation }) => ({
    id,
    title,
    description,
    references: [...references],
    remediation,
  }),
);

export interface MessUpTemplateInfo {
  id: string;
  category: string;
  title: string;
  description: string;
  references: string[];
}

export const messUpCatalogue: MessUpTemplateInfo[] = messUpTemplates.map(
  ({ id, category, title, description, references }) => ({
    id,
    category,
    title,
    description,
    references: [...references],
  }),
);

/** A goal or start naming an object the manifests do not have is almost always a typo. */
function missingTargets(
  model: ClusterModel,
  goals: readonly string[],
  start: string,
): Diagnostic[] {
  // Located only when there is something to say: positions cost a scan of the document.
  // A goal or start the ThreatModel names is placed at its own line; one given as an option
  // (--goal, --from) at the ThreatModel's spec, or nowhere.
  const tm = model.threat.object;
  const tmGoals = tm ? strings(getIn(tm.raw, ['spec', 'goals'])) : [];
  const where = (path: JsonPath = ['spec']) =>
    tm ? locate(tm, path) : { file: '', line: 1, column: 1 };
  const goalAt = (goal: string) => {
    const i = tmGoals.indexOf(goal);
    return where(i === -1 ? ['spec'] : ['spec', 'goals', i]);
  };
  const workloads = () => model.pods.map((p) => `${p.namespace}/${p.name}`);
  const secrets = () => [
    ...new Set([
      ...model.secrets.keys(),
      ...model.pods.flatMap((p) =>
        p.containers.flatMap((c) => [...c.secrets.keys()].map((n) => `${p.namespace}/${n}`)),
      ),
    ]),
  ];
  const meant = (prefix: string, name: string, names: () => string[]) => {
    const best = nearest(name, names());
    return best ? ` (did you mean ${JSON.stringify(prefix + best)}?)` : '';
  };
  const problems: Diagnostic[] = [];
  const hasWorkload = (ref: string) => model.pods.some((p) => `${p.namespace}/${p.name}` === ref);
  // A Secret a pod reads exists in the cluster even when the manifests do not define it.
  let readByPods: Set<string> | undefined;
  const secretKnown = (key: string) =>
    model.secrets.has(key) ||
    (readByPods ??= new Set(
      model.pods.flatMap((p) =>
        p.containers.flatMap((c) => [...c.secrets.keys()].map((name) => `${p.namespace}/${name}`)),
      ),
    )).has(key);
  for (const goal of goals) {
    if (goal.startsWith('secret:') && !secretKnown(goal.slice(7)))
      problems.push({
        severity: 'warning',
        message: `the goal ${goal} names a Secret that is not in the manifests${meant('secret:', goal.slice(7), secrets)}: it is unreachable by definition`,
        ...goalAt(goal),
      });
    if (goal.startsWith('exec:') && !hasWorkload(goal.slice(5)))
      problems.push({
        severity: 'warning',
        message: `the goal ${goal} names a workload that is not in the manifests${meant('exec:', goal.slice(5), workloads)}: it is unreachable by definition`,
        ...goalAt(goal),
      });
  }
  if (start.startsWith('pod:') && !hasWorkload(start.slice(4)))
    problems.push({
      severity: 'warning',
      message: `the attacker starts in ${start.slice(4)}, a workload that is not in the manifests${meant('pod:', start.slice(4), workloads)}: the attacker starts from the Internet only`,
      ...(tm && getIn(tm.raw, ['spec', 'attacker', 'start']) === start
        ? where(['spec', 'attacker', 'start'])
        : where()),
    });
  return problems;
}
