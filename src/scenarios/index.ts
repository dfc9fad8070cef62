// The scenario library's format: a folder per scenario (scenario.yaml, Markdown briefs,
// cluster/ manifests, a solution folder per stage), read from plain texts so the same
// loader runs in the browser (files bundled by Vite) and in Node (src/scenarios/node.ts).
// Pure TypeScript: no DOM, no Node imports. The authoring contract: scenarios/README.md.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { LineCounter, parseAllDocuments, parseDocument, isNode } from 'yaml';
import type { AnalysisResult, InputFile } from '../engine';
import validateScenario from './scenario.validate.ts';

export interface ScenarioError {
  /** The file at fault, `scenarios/<folder>/scenario.yaml` or the like. */
  file: string;
  /** A JSON pointer into the file's data (`/stages/1/target/atLeast`), or '' for the whole file. */
  path: string;
  message: string;
  /** 1-based line of the fault in `file`, when known. */
  line?: number;
}

export interface StageTarget {
  atLeast: number;
  /** Count only this goal's MUT instead of the minimum over the scenario's goals. */
  goal?: string;
}

export interface StageInfo {
  index: number;
  id: string;
  title: string;
  /** Markdown text of the brief. */
  brief: string;
  /** The MUT declared at the stage's start; null for unreachable. */
  startMut: number | null;
  target: StageTarget;
  hints: string[];
  /** Manifest paths relative to cluster/ the learner may edit in this stage. */
  editable: string[];
  /** The effective manifests when the stage starts (paths relative to cluster/). */
  startFiles: InputFile[];
  /** The effective manifests after the reference solution. */
  solutionFiles: InputFile[];
}

export interface ScenarioReference {
  title: string;
  url: string;
}

export interface Scenario {
  /** The folder name, e.g. `01-worked-example`. */
  folder: string;
  id: string;
  title: string;
  summary: string;
  audience: string;
  difficulty: string;
  minutes: number;
  objectives: string[];
  /** Attacker start position: internet | corporate-network | pod:<ns>/<workload>. */
  start: string;
  goals: string[];
  references: ScenarioReference[];
  stages: StageInfo[];
  /** Markdown text of the debrief. */
  debrief: string;
}

/** What scenario.yaml holds once it validates against scenario.schema.json. */
interface ScenarioYaml {
  id: string;
  title: string;
  summary: string;
  audience: string;
  difficulty: string;
  minutes: number;
  objectives: string[];
  attacker: { start: string };
  goals: string[];
  references: ScenarioReference[];
  stages: {
    id: string;
    title: string;
    brief: string;
    startMut: number | null;
    target: StageTarget;
    hints: string[];
    editable: string[];
    solution: string;
  }[];
  debrief: string;
}

export const scenarioFile = 'scenario.yaml';
export const clusterFolder = 'cluster';
/** Ids the page's addresses use for views of their own (docs/classroom.md). */
export const reservedIds: readonly string[] = ['your-cluster'];

/** `NN-<id>`: the number orders the library. */
export const folderPattern = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

// Precompiled at build time (scripts/gen-validators.ts): compiling in the page needs
// `new Function`, which the Content Security Policy forbids.
const validate = validateScenario as unknown as ValidateFunction<ScenarioYaml>;

const isManifest = (path: string) => /\.ya?ml$/i.test(path);

/** `./a//b/` → `a/b`. */
function normalise(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .join('/');
}

function baseName(folder: string): string {
  const parts = normalise(folder).split('/');
  return parts[parts.length - 1] ?? folder;
}

function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function segments(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function schemaMessage(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties')
    return `must not have property '${String(params.additionalProperty)}'`;
  if (e.keyword === 'enum')
    return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? 'is invalid';
}

/**
 * Loads one scenario folder. `files` holds every file of the folder, keyed by path
 * relative to it ('scenario.yaml', 'cluster/rbac.yaml', 'stages/1/brief.md', ...).
 * Never throws: problems come back as errors naming the file and the path within it.
 */
export function loadScenario(
  folder: string,
  files: Record<string, string>,
): { scenario?: Scenario; errors: ScenarioError[] } {
  const errors: ScenarioError[] = [];
  const texts = new Map<string, string>();
  for (const [key, text] of Object.entries(files)) texts.set(normalise(key), text);
  const name = baseName(folder);
  const root = (folder.startsWith('/') ? '/' : '') + normalise(folder);
  const fileOf = (path: string) => (root ? `${root}/${path}` : path);
  const yamlFile = fileOf(scenarioFile);

  if (!folderPattern.test(name))
    errors.push({
      file: root || name,
      path: '',
      message: `the folder must be named <NN>-<id> (e.g. 09-my-scenario), not '${name}'`,
    });

  const source = texts.get(scenarioFile);
  if (source === undefined) {
    errors.push({
      file: yamlFile,
      path: '',
      message: 'missing: every scenario has a scenario.yaml',
    });
    return { errors };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      errors.push({
        file: yamlFile,
        path: '',
        message: `YAML: ${e.message.split('\n')[0]}`,
        line: lineCounter.linePos(e.pos[0]).line,
      });
    return { errors };
  }
  const lineAt = (path: readonly (string | number)[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const at = (path: readonly (string | number)[], message: string): void => {
    errors.push({ file: yamlFile, path: pointer(path), message, line: lineAt(path) });
  };

  const data: unknown = doc.toJS();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const path = segments(e.instancePath);
      errors.push({
        file: yamlFile,
        path: e.instancePath,
        message: schemaMessage(e),
        line: lineAt(path),
      });
    }
    return { errors };
  }
  const y = data as unknown as ScenarioYaml;

  const folderId = folderPattern.exec(name)?.[2];
  if (folderId !== undefined && folderId !== y.id)
    at(['id'], `the id '${y.id}' must match the folder name '${name}' (<NN>-${y.id})`);
  // The page's address #/your-cluster is the sandbox's (src/ui/state/route.ts).
  if (reservedIds.includes(y.id))
    at(['id'], `the id '${y.id}' is reserved: #/${y.id} is the page's own view`);

  const markdown = (path: readonly (string | number)[], rel: string): string => {
    const text = texts.get(normalise(rel));
    if (text === undefined) at(path, `file not found: ${fileOf(normalise(rel))}`);
    else if (text.trim() === '') at(path, `file is empty: ${fileOf(normalise(rel))}`);
    return text ?? '';
  };

  const debrief = markdown(['debrief'], y.debrief);

  // The manifests at the start of stage 1.
  let current = new Map<string, string>();
  const clusterPrefix = `${clusterFolder}/`;
  for (const [path, text] of texts)
    if (path.startsWith(clusterPrefix) && isManifest(path))
      current.set(path.slice(clusterPrefix.length), text);
  if (current.size === 0)
    errors.push({
      file: fileOf(clusterFolder),
      path: '',
      message: 'cluster/ holds no manifests (.yaml): stage 1 needs a cluster to start from',
    });
  threatModelCount(current, clusterFolder, fileOf, errors);

  for (const goal of y.goals)
    if (y.attacker.start.startsWith('pod:') && goal === `exec:${y.attacker.start.slice(4)}`)
      at(['goals'], `the goal ${goal} is where the attacker starts`);

  const stageIds = new Set<string>();
  const stages: StageInfo[] = [];
  y.stages.forEach((s, index) => {
    const here = ['stages', index];
    if (stageIds.has(s.id)) at([...here, 'id'], `duplicate stage id '${s.id}'`);
    stageIds.add(s.id);
    if (s.target.goal !== undefined && !y.goals.includes(s.target.goal))
      at(
        [...here, 'target', 'goal'],
        `'${s.target.goal}' is not one of the scenario's goals (${y.goals.join(', ')})`,
      );
    const brief = markdown([...here, 'brief'], s.brief);

    s.editable.forEach((path, i) => {
      if (!current.has(normalise(path)))
        at(
          [...here, 'editable', i],
          `${path} is neither in cluster/ nor added by an earlier stage's solution`,
        );
    });

    const solutionDir = normalise(s.solution);
    const changed = new Map<string, string>();
    for (const [path, text] of texts)
      if (path.startsWith(`${solutionDir}/`) && isManifest(path))
        changed.set(path.slice(solutionDir.length + 1), text);
    if (changed.size === 0)
      at([...here, 'solution'], `no manifests in the solution folder ${fileOf(solutionDir)}/`);
    const editable = new Set(s.editable.map(normalise));
    for (const path of changed.keys())
      if (!editable.has(path))
        at(
          [...here, 'solution'],
          `the solution changes ${path}, which the stage does not list as editable`,
        );

    const startFiles = asFiles(current);
    const next = new Map(current);
    for (const [path, text] of changed) next.set(path, text);
    threatModelCount(changed, solutionDir, fileOf, errors, next);
    stages.push({
      index,
      id: s.id,
      title: s.title,
      brief,
      startMut: s.startMut,
      target: s.target.goal === undefined ? { atLeast: s.target.atLeast } : { ...s.target },
      hints: [...s.hints],
      editable: s.editable.map(normalise),
      startFiles,
      solutionFiles: asFiles(next),
    });
    current = next;
  });

  if (errors.length > 0) return { errors };
  return {
    scenario: {
      folder: name,
      id: y.id,
      title: y.title,
      summary: y.summary,
      audience: y.audience,
      difficulty: y.difficulty,
      minutes: y.minutes,
      objectives: [...y.objectives],
      start: y.attacker.start,
      goals: [...y.goals],
      references: y.references.map((r) => ({ title: r.title, url: r.url })),
      stages,
      debrief,
    },
    errors,
  };
}

function asFiles(files: Map<string, string>): InputFile[] {
  return [...files.keys()].sort().map((path) => ({ path, text: files.get(path) ?? '' }));
}

/** A cluster has at most one ThreatModel (the engine uses only the first). */
function threatModelCount(
  files: Map<string, string>,
  dir: string,
  fileOf: (path: string) => string,
  errors: ScenarioError[],
  whole: Map<string, string> = files,
): void {
  const holders: string[] = [];
  for (const [path, text] of whole) {
    try {
      for (const d of parseAllDocuments(text)) {
        const kind = (d.toJS() as { kind?: unknown } | null)?.kind;
        if (kind === 'ThreatModel') holders.push(path);
      }
    } catch {
      // Parse errors are the engine's to report, at the right line.
    }
  }
  if (holders.length > 1) {
    const inHere = holders.find((p) => files.has(p)) ?? holders[0] ?? '';
    errors.push({
      file: fileOf(`${dir}/${inHere}`),
      path: '',
      message: `more than one ThreatModel (${holders.join(', ')}): a cluster has at most one`,
    });
  }
}

/**
 * Loads a whole library: `folders` maps each folder name to its files. Besides each
 * scenario's own errors, checks that ids and folder numbers are unique.
 */
export function loadScenarios(folders: Record<string, Record<string, string>>): {
  scenarios: Scenario[];
  errors: ScenarioError[];
} {
  const scenarios: Scenario[] = [];
  const errors: ScenarioError[] = [];
  const names = Object.keys(folders).sort((a, b) => baseName(a).localeCompare(baseName(b)));
  const numbers = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const folder of names) {
    const result = loadScenario(folder, folders[folder] ?? {});
    errors.push(...result.errors);
    const number = folderPattern.exec(baseName(folder))?.[1];
    if (number !== undefined) {
      const other = numbers.get(number);
      if (other)
        errors.push({
          file: normalise(folder),
          path: '',
          message: `the number ${number} is also used by ${other}`,
        });
      numbers.set(number, folder);
    }
    if (!result.scenario) continue;
    const other = ids.get(result.scenario.id);
    if (other)
      errors.push({
        file: `${normalise(folder)}/${scenarioFile}`,
        path: '/id',
        message: `the id '${result.scenario.id}' is also used by ${other}`,
      });
    ids.set(result.scenario.id, folder);
    scenarios.push(result.scenario);
  }
  return { scenarios, errors };
}

/**
 * Groups a flat map of files (`scenarios/01-x/scenario.yaml` → text, as a bundler's glob
 * gives them) by scenario folder, with paths relative to each folder.
 */
export function groupByFolder(
  files: Record<string, string>,
  root = 'scenarios',
): Record<string, Record<string, string>> {
  const prefix = `${normalise(root)}/`;
  const out: Record<string, Record<string, string>> = {};
  for (const [key, text] of Object.entries(files)) {
    const path = normalise(key);
    const at = path.indexOf(prefix);
    const rest = at === -1 ? undefined : path.slice(at + prefix.length);
    const slash = rest?.indexOf('/') ?? -1;
    if (rest === undefined || slash === -1) continue;
    const folder = rest.slice(0, slash);
    if (!folderPattern.test(folder)) continue;
    (out[folder] ??= {})[rest.slice(slash + 1)] = text;
  }
  return out;
}

/** The MUT that counts for a stage: the target goal's, else the minimum over the goals. Null = unreachable. */
export function stageMut(result: AnalysisResult, target: StageTarget): number | null {
  const goals = target.goal ? result.goals.filter((g) => g.goal === target.goal) : result.goals;
  let lowest: number | null = null;
  for (const g of goals)
    if (g.mut !== null) lowest = lowest === null ? g.mut : Math.min(lowest, g.mut);
  return lowest;
}

/** Unreachable (null) counts as infinity: it meets every target. */
export function meetsTarget(mut: number | null, target: StageTarget): boolean {
  return mut === null || mut >= target.atLeast;
}

/** "3", or "unreachable" for null. */
export function formatMut(mut: number | null): string {
  return mut === null ? 'unreachable' : String(mut);
}
