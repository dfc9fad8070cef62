// The class's workflow settings: whether learners see the reference solution and how many hints,
// and whether this browser is the instructor's. They come from a link (route.ts) and stay in
// this browser. They steer a workshop; they protect nothing: the solutions ship with the page,
// and anyone can open the instructor link (docs/classroom.md says so).
import type { LinkParams, SolutionPolicy } from './route';
import { storagePrefix, type StoreLike } from './storage';

export interface ClassroomSettings {
  /** The instructor's browser: the solution loads at once, the settings panel shows. */
  instructor: boolean;
  /** For learners: `open` at once, `confirm` after saying it ends the exercise, `hidden`. */
  solution: SolutionPolicy;
  /** Hints a learner may open per stage; null: all of them. */
  hints: number | null;
}

export const settingsKey = `${storagePrefix}:classroom`;

export const defaultSettings: ClassroomSettings = {
  instructor: false,
  solution: 'confirm',
  hints: null,
};

export function loadSettings(store: StoreLike | null): ClassroomSettings {
  try {
    const raw = store?.getItem(settingsKey);
    if (!raw) return { ...defaultSettings };
    const data = JSON.parse(raw) as Partial<ClassroomSettings>;
    return {
      instructor: data.instructor === true,
      solution: data.solution === 'open' || data.solution === 'hidden' ? data.solution : 'confirm',
      hints:
        Number.isInteger(data.hints) && (data.hints as number) >= 0 && (data.hints as number) < 100
          ? (data.hints as number)
          : null,
    };
  } catch {
    return { ...defaultSettings };
  }
}

export function saveSettings(store: StoreLike | null, settings: ClassroomSettings): void {
  try {
    store?.setItem(settingsKey, JSON.stringify(settings));
  } catch {
    // Settings are a convenience: without storage they last as long as the page.
  }
}

/**
 * The settings a link gives: `?instructor` makes this the instructor's browser; `solution=` and
 * `hints=` are a class link's, and make it a learner's. Null when the link carries none.
 */
export function settingsFromLink(
  params: LinkParams,
  current: ClassroomSettings,
): ClassroomSettings | null {
  if (params.instructor) return { ...current, instructor: true };
  if (params.solution === undefined && params.hints === undefined) return null;
  return {
    instructor: false,
    solution: params.solution ?? current.solution,
    hints: params.hints ?? current.hints,
  };
}

/** What the learner's view allows, given the settings. */
export function solutionPolicy(settings: ClassroomSettings): SolutionPolicy {
  return settings.instructor ? 'open' : settings.solution;
}

export function hintLimit(settings: ClassroomSettings, available: number): number {
  if (settings.instructor || settings.hints === null) return available;
  return Math.min(settings.hints, available);
}
