// Keeps a learner's edits per scenario and stage in localStorage, so a reload or a crash
// loses nothing. Storage that is missing, full or forbidden becomes a warning, never a crash.
import type { InputFile } from '../../engine';
import type { HistoryEntry } from '../../machines/scenarioMachine';

export const storagePrefix = 'mutlab:v1';

export const stageKey = (scenario: string, stage: string) =>
  `${storagePrefix}:${scenario}:${stage}`;
export const progressKey = (scenario: string) => `${storagePrefix}:${scenario}:progress`;
export const sessionKey = (scenario: string) => `${storagePrefix}:${scenario}:session`;
/** The scenario last opened, so a reload returns to it. */
export const scenarioKey = `${storagePrefix}:scenario`;

/** Where the learner is in a scenario, beyond the stage index: what a reload gives back. */
export interface SavedSession {
  view: 'stage' | 'debrief';
  history: HistoryEntry[];
  hintsRevealed: number;
  hintsUsed: number;
}

const isHistoryEntry = (h: unknown): h is HistoryEntry =>
  typeof h === 'object' &&
  h !== null &&
  Number.isInteger((h as HistoryEntry).stage) &&
  ((h as HistoryEntry).mut === null || Number.isInteger((h as HistoryEntry).mut)) &&
  typeof (h as HistoryEntry).reason === 'string';

const count = (v: unknown) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : 0);

export interface StoreLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SavedStage {
  files: InputFile[];
  savedAt: number;
}

export function defaultStore(): StoreLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class EditStore {
  #store: StoreLike | null;
  #onWarning: (message: string | null) => void;

  constructor(
    onWarning: (message: string | null) => void,
    store: StoreLike | null = defaultStore(),
  ) {
    this.#store = store;
    this.#onWarning = onWarning;
    if (!store)
      onWarning(
        'Your browser does not let this page keep your edits: they will be lost on reload.',
      );
  }

  /**
   * Saved data that could not be read, kept as it was so the learner can download it: a
   * stage's edits (by stage id), or the record of where the learner was (`sessionRecord`).
   */
  readonly damaged: { stage: string; raw: string }[] = [];

  loadStage(scenario: string, stage: string): InputFile[] | null {
    const raw = this.#read(stageKey(scenario, stage));
    if (!raw) return null;
    const files = savedFiles(raw);
    if (files === null) {
      // Said, never dropped in silence: the stage starts over, the old data can be downloaded.
      this.damaged.push({ stage, raw });
      this.#onWarning(
        'Some saved edits could not be read (the saved data is damaged), so their stage starts from its original files. You can download the damaged data.',
      );
    }
    return files;
  }

  saveStage(scenario: string, stage: string, files: InputFile[]): void {
    const value: SavedStage = {
      files: files.map(({ path, text }) => ({ path, text })),
      savedAt: Date.now(),
    };
    this.#write(stageKey(scenario, stage), JSON.stringify(value));
  }

  loadProgress(scenario: string): number | null {
    const raw = this.#read(progressKey(scenario));
    const n = raw === null ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 ? n : null;
  }

  saveProgress(scenario: string, stageIndex: number): void {
    this.#write(progressKey(scenario), String(stageIndex));
  }

  loadSession(scenario: string): SavedSession | null {
    const raw = this.#read(sessionKey(scenario));
    if (!raw) return null;
    // Said, never dropped in silence: the scenario opens at its briefing, the record can be
    // downloaded as it was.
    const damaged = () => {
      if (!this.damaged.some((d) => d.stage === sessionRecord))
        this.damaged.push({ stage: sessionRecord, raw });
      return null;
    };
    try {
      const parsed = JSON.parse(raw) as Partial<SavedSession> | null;
      if (parsed?.view !== 'stage' && parsed?.view !== 'debrief') return damaged();
      return {
        view: parsed.view,
        history: Array.isArray(parsed.history) ? parsed.history.filter(isHistoryEntry) : [],
        hintsRevealed: count(parsed.hintsRevealed),
        hintsUsed: count(parsed.hintsUsed),
      };
    } catch {
      return damaged();
    }
  }

  saveSession(scenario: string, session: SavedSession): void {
    this.#write(sessionKey(scenario), JSON.stringify(session));
  }

  loadScenario(): string | null {
    return this.#read(scenarioKey);
  }

  saveScenario(id: string): void {
    this.#write(scenarioKey, id);
  }

  clear(scenario: string, stages: string[]): void {
    if (!this.#store) return;
    try {
      for (const stage of stages) this.#store.removeItem(stageKey(scenario, stage));
      this.#store.removeItem(progressKey(scenario));
      this.#store.removeItem(sessionKey(scenario));
    } catch {
      // Nothing to lose: clearing is best effort.
    }
  }

  #read(key: string): string | null {
    if (!this.#store) return null;
    try {
      return this.#store.getItem(key);
    } catch {
      this.#onWarning('Your saved edits could not be read from this browser’s storage.');
      return null;
    }
  }

  #write(key: string, value: string): void {
    if (!this.#store) return;
    try {
      this.#store.setItem(key, value);
      this.#onWarning(null);
    } catch (error) {
      const full = error instanceof Error && /quota/i.test(`${error.name} ${error.message}`);
      this.#onWarning(
        full
          ? 'Browser storage is full: your latest edits are not saved. Copy them somewhere safe.'
          : 'Your edits could not be saved in this browser’s storage: they will be lost on reload.',
      );
    }
  }
}

/** The files of a saved stage, or null when the data is not what saveStage writes. */
function savedFiles(raw: string): InputFile[] | null {
  try {
    const parsed = JSON.parse(raw) as SavedStage | null;
    if (!parsed || !Array.isArray(parsed.files)) return null;
    const files = parsed.files.filter(
      (f) => typeof f?.path === 'string' && typeof f?.text === 'string',
    );
    return files.length === parsed.files.length ? files : null;
  } catch {
    return null;
  }
}

export const openMarkerKey = `${storagePrefix}:open`;

function defaultSessionStore(): StoreLike | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Tells whether this tab's page ended cleanly the last time a scenario was open. A mark is set
 * in the tab's sessionStorage when a scenario opens and removed on `pagehide`; a crashed tab
 * never fires `pagehide`, and its reload (same tab) finds the mark. Other tabs have their own
 * sessionStorage, so two open tabs never take each other for a crash.
 */
export class CrashMarker {
  #store: StoreLike | null;

  constructor(store: StoreLike | null = defaultSessionStore()) {
    this.#store = store;
  }

  /** Marks `scenario` open; true when it was open already, i.e. the last page crashed with it. */
  begin(scenario: string): boolean {
    try {
      const crashed = this.#store?.getItem(openMarkerKey) === scenario;
      this.#store?.setItem(openMarkerKey, scenario);
      return crashed;
    } catch {
      return false;
    }
  }

  end(): void {
    try {
      this.#store?.removeItem(openMarkerKey);
    } catch {
      // Best effort: at worst the next load offers the safe mode once.
    }
  }
}

/** The `damaged` entry of the record of where the learner was (view, history, hints). */
export const sessionRecord = 'where you were (stage, history, hints)';

/** Saved files as one text to download: each file after a comment line naming it. */
export function savedText(stages: { stage: string; files?: InputFile[]; raw?: string }[]): string {
  const parts: string[] = [];
  for (const { stage, files, raw } of stages) {
    if (raw !== undefined)
      parts.push(`# ---- ${stage} (damaged saved data, as stored) ----\n${raw}\n`);
    for (const file of files ?? []) parts.push(`# ---- ${stage}/${file.path} ----\n${file.text}\n`);
  }
  return parts.join('');
}
