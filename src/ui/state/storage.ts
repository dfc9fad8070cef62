// Keeps a learner's edits per scenario and stage in localStorage, so a reload or a crash
// loses nothing. Storage that is missing, full or forbidden becomes a warning, never a crash.
import type { InputFile } from '../../engine';

export const storagePrefix = 'mutlab:v1';

export const stageKey = (scenario: string, stage: string) =>
  `${storagePrefix}:${scenario}:${stage}`;
export const progressKey = (scenario: string) => `${storagePrefix}:${scenario}:progress`;

export interface StoreLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SavedStage {
  files: InputFile[];
  savedAt: number;
}

function defaultStore(): StoreLike | null {
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

  loadStage(scenario: string, stage: string): InputFile[] | null {
    const raw = this.#read(stageKey(scenario, stage));
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as SavedStage;
      if (!Array.isArray(parsed.files)) return null;
      return parsed.files.filter((f) => typeof f?.path === 'string' && typeof f?.text === 'string');
    } catch {
      return null;
    }
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

  clear(scenario: string, stages: string[]): void {
    if (!this.#store) return;
    try {
      for (const stage of stages) this.#store.removeItem(stageKey(scenario, stage));
      this.#store.removeItem(progressKey(scenario));
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
