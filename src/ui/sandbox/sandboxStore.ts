// Keeps the cluster brought into "Your cluster" in localStorage, beside the edits that
// ScenarioSession keeps for it (storage.ts, scenario `your-cluster`, stage `cluster`), so a
// reload gives both back. A cluster replaced by another is kept once, to be restored.
import type { InputFile } from '../../engine';
import { stageKey, storagePrefix, type StoreLike } from '../state/storage';

export const sandboxScenarioId = 'your-cluster';
export const sandboxStageId = 'cluster';
export const clusterKey = `${storagePrefix}:${sandboxScenarioId}:files`;
export const previousKey = `${storagePrefix}:${sandboxScenarioId}:previous`;
/** Larger clusters are analysed but not kept: browsers give a page about 5 MB in all. */
export const keepLimitChars = 2_000_000;

export interface KeptCluster {
  name: string;
  files: InputFile[];
  /** The edits of the cluster, when it was replaced with edits. */
  edits?: InputFile[];
  savedAt: number;
}

function defaultStore(): StoreLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const isFiles = (v: unknown): v is InputFile[] =>
  Array.isArray(v) &&
  v.every(
    (f) => typeof (f as InputFile)?.path === 'string' && typeof (f as InputFile)?.text === 'string',
  );

function parse(raw: string | null): KeptCluster | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<KeptCluster>;
    if (typeof v.name !== 'string' || !isFiles(v.files)) return null;
    return {
      name: v.name,
      files: v.files,
      ...(isFiles(v.edits) ? { edits: v.edits } : {}),
      savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0,
    };
  } catch {
    return null;
  }
}

export class SandboxStore {
  #store: StoreLike | null;

  constructor(store: StoreLike | null = defaultStore()) {
    this.#store = store;
  }

  #get(key: string): string | null {
    try {
      return this.#store?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  /** Writes `value`; a message when it could not be kept. */
  #set(key: string, value: string): string | null {
    if (!this.#store)
      return 'This browser does not let the page keep your cluster: a reload loses it.';
    if (value.length > keepLimitChars)
      return `This cluster is too large to keep in this browser (${(value.length / 1e6).toFixed(1)} MB): it is analysed here, but a reload loses it. Keep your files, or save it as a scenario.`;
    try {
      this.#store.setItem(key, value);
      return null;
    } catch {
      return 'Browser storage is full: your cluster is not kept, and a reload loses it.';
    }
  }

  load(): KeptCluster | null {
    return parse(this.#get(clusterKey));
  }

  previous(): KeptCluster | null {
    return parse(this.#get(previousKey));
  }

  save(name: string, files: InputFile[]): string | null {
    const kept: KeptCluster = { name, files, savedAt: Date.now() };
    return this.#set(clusterKey, JSON.stringify(kept));
  }

  /** Keeps `cluster` (with its edits) as the one to restore; a message when it could not. */
  savePrevious(cluster: KeptCluster): string | null {
    return this.#set(previousKey, JSON.stringify(cluster));
  }

  /** The edits ScenarioSession kept for the cluster (its stage key). */
  edits(): InputFile[] | null {
    const raw = this.#get(stageKey(sandboxScenarioId, sandboxStageId));
    if (!raw) return null;
    try {
      const v = JSON.parse(raw) as { files?: unknown };
      return isFiles(v.files) ? v.files : null;
    } catch {
      return null;
    }
  }

  /** Sets the edits the next session starts from (none: the cluster as brought in). */
  setEdits(files: InputFile[] | null): void {
    try {
      const key = stageKey(sandboxScenarioId, sandboxStageId);
      if (files) this.#store?.setItem(key, JSON.stringify({ files, savedAt: Date.now() }));
      else this.#store?.removeItem(key);
    } catch {
      // The session says when storage fails; a missing edit set starts from the cluster.
    }
  }
}
