// What a learner has done, per scenario: stages won, the best MUT reached, the reference
// solutions loaded, and the time spent. Kept in localStorage, exported as JSON (to restore on
// another machine) and Markdown (to hand to an instructor). An import is hostile input: it is
// validated against the library and merged, never trusted.
import type { Actor } from 'xstate';
import type { ScenarioMachine } from '../../machines/scenarioMachine';
import { storagePrefix, type StoreLike } from './storage';

/** The best MUT: a number, or `unreachable` (∞: no set of mistakes reaches the goal). */
export type BestMut = number | 'unreachable';

export interface ScenarioProgress {
  /** Ids of the stages won, in the scenario's order. */
  won: string[];
  /** Ids of the stages where the reference solution was loaded. */
  solutionLoaded: string[];
  best: BestMut | null;
  /** Seconds with the scenario open in a visible page. */
  seconds: number;
  /** The debrief was reached. */
  finished: boolean;
}

export interface ProgressExport {
  format: 'mutlab-progress';
  version: 1;
  exportedAt: string;
  scenarios: Record<string, ScenarioProgress>;
}

/** What the validator needs of a scenario. */
export interface ScenarioOutline {
  id: string;
  title: string;
  stages: readonly { id: string; title: string }[];
}

export const recordKey = (scenario: string) => `${storagePrefix}:${scenario}:record`;
export const maxImportBytes = 1024 * 1024;
const maxSeconds = 10 * 365 * 24 * 3600;
const maxMut = 1000;

export const emptyProgress = (): ScenarioProgress => ({
  won: [],
  solutionLoaded: [],
  best: null,
  seconds: 0,
  finished: false,
});

/** The higher of two MUTs reached (∞ above every number). */
export function betterMut(a: BestMut | null, b: BestMut | null): BestMut | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a === 'unreachable' || b === 'unreachable') return 'unreachable';
  return Math.max(a, b);
}

/** Two records of one scenario as one: what either shows done counts. */
export function mergeProgress(
  a: ScenarioProgress,
  b: ScenarioProgress,
  order: readonly string[],
): ScenarioProgress {
  const union = (x: string[], y: string[]) =>
    order.filter((id) => x.includes(id) || y.includes(id));
  return {
    won: union(a.won, b.won),
    solutionLoaded: union(a.solutionLoaded, b.solutionLoaded),
    best: betterMut(a.best, b.best),
    seconds: Math.max(a.seconds, b.seconds),
    finished: a.finished || b.finished,
  };
}

export class ProgressStore {
  #store: StoreLike | null;

  constructor(store: StoreLike | null) {
    this.#store = store;
  }

  load(scenario: ScenarioOutline): ScenarioProgress {
    let raw: string | null = null;
    try {
      raw = this.#store?.getItem(recordKey(scenario.id)) ?? null;
    } catch {
      return emptyProgress();
    }
    if (!raw) return emptyProgress();
    try {
      return checkRecord(JSON.parse(raw), scenario).progress ?? emptyProgress();
    } catch {
      return emptyProgress();
    }
  }

  /** Applies `change` to the scenario's record and writes it (best effort: storage may fail). */
  update(scenario: ScenarioOutline, change: (p: ScenarioProgress) => ScenarioProgress): void {
    const next = change(this.load(scenario));
    try {
      this.#store?.setItem(recordKey(scenario.id), JSON.stringify(next));
    } catch {
      // The session's own storage warning already tells the learner.
    }
  }
}

/**
 * Records what a scenario session achieves: stages won, the best MUT, the debrief, and the
 * time the page is visible with it open (counted each `tickMs`). Returns the teardown.
 */
export function trackProgress(
  store: ProgressStore,
  scenario: ScenarioOutline,
  actor: Actor<ScenarioMachine>,
  tickMs = 15_000,
  visible: () => boolean = () => globalThis.document?.visibilityState !== 'hidden',
): () => void {
  let seen = '';
  const record = () => {
    const snapshot = actor.getSnapshot();
    const { context } = snapshot;
    const stage = scenario.stages[context.stageIndex];
    const won = snapshot.hasTag('won') && stage ? stage.id : null;
    const finished = snapshot.hasTag('debrief');
    let best: BestMut | null = null;
    for (const h of context.history) best = betterMut(best, h.mut === null ? 'unreachable' : h.mut);
    const key = `${won}|${finished}|${best}`;
    if (key === seen) return;
    seen = key;
    store.update(scenario, (p) =>
      mergeProgress(
        p,
        { ...emptyProgress(), won: won ? [won] : [], best, finished },
        scenario.stages.map((s) => s.id),
      ),
    );
  };
  record();
  const subscription = actor.subscribe(record);
  let last = Date.now();
  const tick = () => {
    const now = Date.now();
    // A sleeping laptop or a hidden tab is not time spent on the exercise.
    const elapsed = Math.min(now - last, tickMs * 2);
    last = now;
    if (!visible()) return;
    store.update(scenario, (p) => ({ ...p, seconds: p.seconds + Math.round(elapsed / 1000) }));
  };
  const timer = setInterval(tick, tickMs);
  return () => {
    subscription.unsubscribe();
    clearInterval(timer);
    tick();
  };
}

/** Every scenario's record, as the JSON file "Export my progress" writes. */
export function exportProgress(
  store: ProgressStore,
  scenarios: readonly ScenarioOutline[],
  now = new Date(),
): ProgressExport {
  const out: Record<string, ScenarioProgress> = {};
  for (const scenario of scenarios) {
    const p = store.load(scenario);
    if (p.won.length || p.seconds || p.best !== null || p.solutionLoaded.length || p.finished)
      out[scenario.id] = p;
  }
  return { format: 'mutlab-progress', version: 1, exportedAt: now.toISOString(), scenarios: out };
}

const formatBest = (best: BestMut | null) =>
  best === null ? '–' : best === 'unreachable' ? '∞' : String(best);

function formatSeconds(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The summary a learner hands to an instructor. */
export function progressMarkdown(
  data: ProgressExport,
  scenarios: readonly ScenarioOutline[],
): string {
  const lines = [
    '# MUT Lab progress',
    '',
    `Exported ${data.exportedAt}.`,
    '',
    '| Scenario | Stages won | Best MUT reached | Reference solution loaded | Time spent | Finished |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const scenario of scenarios) {
    const p = data.scenarios[scenario.id] ?? emptyProgress();
    const title = (id: string) => scenario.stages.find((s) => s.id === id)?.title ?? id;
    lines.push(
      `| ${cell(scenario.title)} | ${p.won.length} of ${scenario.stages.length} | ${formatBest(p.best)} | ${
        p.solutionLoaded.length ? cell(p.solutionLoaded.map(title).join(', ')) : 'no'
      } | ${formatSeconds(p.seconds)} | ${p.finished ? 'yes' : 'no'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const cell = (text: string) => text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

export interface ImportResult {
  /** The records read, by scenario id (only scenarios of this library). */
  scenarios: Map<string, ScenarioProgress>;
  /** What was left out, in words. */
  skipped: string[];
}

/** Reads an exported progress file; throws an Error whose message says what is wrong. */
export function parseProgressImport(
  text: string,
  scenarios: readonly ScenarioOutline[],
): ImportResult {
  if (text.length > maxImportBytes)
    throw new Error(`The file is larger than ${maxImportBytes / 1024} KiB: not a progress export.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON: choose the .json file “Export my progress” wrote.');
  }
  if (!isObject(data) || data.format !== 'mutlab-progress')
    throw new Error('The file is not a MUT Lab progress export.');
  if (data.version !== 1)
    throw new Error(
      `The file is a progress export of version ${String(data.version)}; this page reads version 1.`,
    );
  if (!isObject(data.scenarios)) throw new Error('The file has no scenarios.');
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const out = new Map<string, ScenarioProgress>();
  const skipped: string[] = [];
  for (const [id, value] of Object.entries(data.scenarios)) {
    const scenario = byId.get(id);
    if (!scenario) {
      skipped.push(`“${id.slice(0, 60)}” is not a scenario of this library`);
      continue;
    }
    const checked = checkRecord(value, scenario);
    if (checked.progress) out.set(id, checked.progress);
    skipped.push(...checked.problems.map((p) => `${scenario.title}: ${p}`));
  }
  return { scenarios: out, skipped };
}

/** A record as stored or imported, checked field by field; unknown stages are dropped. */
function checkRecord(
  value: unknown,
  scenario: ScenarioOutline,
): { progress: ScenarioProgress | null; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(value)) return { progress: null, problems: ['not a record'] };
  const order = scenario.stages.map((s) => s.id);
  const stageList = (field: string): string[] => {
    const list = value[field];
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      problems.push(`${field} is not a list`);
      return [];
    }
    const unknown = list.filter((id) => typeof id !== 'string' || !order.includes(id));
    if (unknown.length) problems.push(`${unknown.length} unknown stage(s) in ${field}`);
    return order.filter((id) => list.includes(id));
  };
  const won = stageList('won');
  const solutionLoaded = stageList('solutionLoaded');
  let best: BestMut | null = null;
  const b = value.best;
  if (b === 'unreachable') best = b;
  else if (Number.isInteger(b) && (b as number) >= 0 && (b as number) <= maxMut) best = b as number;
  else if (b !== null && b !== undefined) problems.push('best is not a MUT');
  const s = value.seconds;
  let seconds = 0;
  if (Number.isInteger(s) && (s as number) >= 0 && (s as number) <= maxSeconds)
    seconds = s as number;
  else if (s !== undefined) problems.push('seconds is not a duration');
  const finished = value.finished === true;
  return { progress: { won, solutionLoaded, best, seconds, finished }, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
