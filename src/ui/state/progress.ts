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
    try {
      const raw = this.#store?.getItem(recordKey(scenario.id));
      if (!raw) return emptyProgress();
      return checkRecord(JSON.parse(raw), scenario).progress ?? emptyProgress();
    } catch {
      // Unreadable storage or a damaged record: no progress, never a crash.
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

/** A record as stored or imported, checked field by field; unknown stages are dropped. */
export function checkRecord(
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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
