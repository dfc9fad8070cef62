// A small typed client over the engine worker. Every request gets an id; for analyses the
// newest request wins: a new one settles every older one as `superseded` and tells the
// worker to stop proving it. An analysis may be answered twice (a quick pass, then the full
// proof): the quick one goes to `onQuick`, the promise resolves with the final one.
// Errors come back as data, never as a rejected promise; a worker that dies or hangs is
// replaced (see createEngineClient).
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import type { Scenario, ScenarioError } from '../scenarios';
import type { ClusterScenario, ClusterScenarioInput } from '../scenarios/fromCluster';
import type { DumpImport, DumpProgress } from './dumpImport';
import type { AnalysisPhase, EngineRequest, EngineResponse, InventoryItem } from './engineProtocol';

export type { InventoryItem } from './engineProtocol';

export type EngineOutcome =
  | {
      status: 'done';
      /** `quick`: a first answer, the full proof still running (see engineProtocol). */
      phase: AnalysisPhase;
      result: AnalysisResult;
      inventory: InventoryItem[];
      ms: number;
    }
  | { status: 'error'; message: string }
  | { status: 'superseded' };

export interface Catalogue {
  scenarios: Scenario[];
  errors: ScenarioError[];
}

/** The part of `Worker` the client uses, so tests can pass a fake. */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export type ImportOutcome =
  | { status: 'done'; imported: DumpImport }
  | { status: 'error'; message: string }
  | { status: 'cancelled' };

export interface EngineClient {
  /**
   * The final answer; `onQuick` gets the quick one first when the worker sends one (never
   * after the promise settled).
   */
  analyze(
    files: InputFile[],
    options?: AnalyzeOptions,
    onQuick?: (outcome: EngineOutcome & { status: 'done' }) => void,
  ): Promise<EngineOutcome>;
  /** The scenario library, loaded and validated in the worker. */
  catalogue(): Promise<Catalogue & { error?: string }>;
  dispose(): void;
  /**
   * Splits a kubectl dump in the worker, reporting progress. \`cancel\` stops the worker (a
   * split in progress cannot be interrupted otherwise) and starts a fresh one.
   */
  importDump(
    name: string,
    text: string,
    onProgress: (progress: DumpProgress) => void,
  ): { outcome: Promise<ImportOutcome>; cancel(): void };
  /** A cluster and its edits as a scenario folder, verified in the worker. */
  saveScenario(
    input: ClusterScenarioInput,
  ): Promise<{ status: 'done'; saved: ClusterScenario } | { status: 'error'; message: string }>;
}

type Answer = Exclude<EngineResponse, { kind: 'progress' }>;
type Settle = (response: Answer | { superseded: true } | { failed: string }) => void;

export interface EngineClientOptions {
  /** An analysis not answered within this time stops the worker, which is restarted. */
  timeLimitMs?: number;
  /** Loading the scenario library, once at start, may take longer. */
  catalogueTimeLimitMs?: number;
  /** The share of the search for each analysis's quick pass (the worker's default if unset). */
  quickEffort?: number;
}

export const defaultTimeLimitMs = 30_000;

/**
 * `source`: the worker, or a function that makes one. With a function the client is a
 * watchdog too: a worker that crashes, closes or hangs (no answer within the time limit) is
 * terminated and replaced, and the request it held fails as data, in words for the learner
 * (the page keeps showing the last good analysis). A worker that closed itself sends
 * nothing at all: only the time limit notices it.
 */
export function createEngineClient(
  source: WorkerLike | (() => WorkerLike),
  options: EngineClientOptions = {},
): EngineClient {
  const timeLimitMs = options.timeLimitMs ?? defaultTimeLimitMs;
  const catalogueTimeLimitMs = options.catalogueTimeLimitMs ?? 4 * timeLimitMs;
  const { quickEffort } = options;
  const spawn = typeof source === 'function' ? source : undefined;
  let worker = typeof source === 'function' ? source() : source;
  let nextId = 1;
  interface Entry {
    settle: Settle;
    /** For analyses: where a quick answer goes (the entry stays open for the final one). */
    quick?: (response: Extract<EngineResponse, { kind: 'analysis' }>) => void;
    analysis: boolean;
    limit: number;
    timer: ReturnType<typeof setTimeout>;
  }
  const pending = new Map<number, Entry>();
  /** Where a request's progress goes (dump imports). */
  const progressOf = new Map<number, (progress: DumpProgress) => void>();

  const settle = (id: number, response: Parameters<Settle>[0]) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    progressOf.delete(id);
    clearTimeout(entry.timer);
    entry.settle(response);
  };

  /** Fails every open request with `message`, then starts a fresh worker if it can. */
  const failAll = (message: string) => {
    for (const id of [...pending.keys()]) settle(id, { failed: message });
    if (!spawn) return;
    worker.terminate();
    worker = spawn();
    listen(worker);
  };

  const startTimer = (limit: number) =>
    setTimeout(() => {
      const seconds = Math.round(limit / 1000);
      failAll(
        `no answer within ${seconds} s (the analysis time limit): the analysis engine was stopped and restarted`,
      );
    }, limit);

  function listen(current: WorkerLike) {
    current.addEventListener('message', (event) => {
      if (current !== worker) return;
      const response = event.data;
      const entry = pending.get(response.id);
      if (!entry) return;
      if (response.kind === 'progress') {
        // Progress is news about a request, not its answer.
        progressOf.get(response.id)?.({ done: response.done, total: response.total });
        return;
      }
      if (response.kind === 'analysis' && response.phase === 'quick' && entry.quick) {
        // Alive and proving: the time limit starts again for the final answer.
        clearTimeout(entry.timer);
        entry.timer = startTimer(entry.limit);
        entry.quick(response);
        return;
      }
      settle(response.id, response);
    });
    current.addEventListener('error', (event) => {
      if (current !== worker) return;
      // A crashed worker fails every open request, as data, and is replaced.
      const reason = event.message || 'it failed';
      failAll(spawn ? `the analysis engine stopped (${reason}); it was restarted` : reason);
    });
  }
  listen(worker);

  function request(message: EngineRequest, entry: Omit<Entry, 'timer' | 'limit'>) {
    const limit = entry.analysis ? timeLimitMs : catalogueTimeLimitMs;
    pending.set(message.id, { ...entry, limit, timer: startTimer(limit) });
    try {
      worker.postMessage(message);
    } catch (error) {
      settle(message.id, { failed: error instanceof Error ? error.message : String(error) });
    }
  }

  const outcomeOf = (response: Extract<EngineResponse, { kind: 'analysis' }>) =>
    ({
      status: 'done',
      phase: response.phase,
      result: response.result,
      inventory: response.inventory,
      ms: response.ms,
    }) as const;

  return {
    analyze(files, options = {}, onQuick) {
      const id = nextId++;
      // Older analyses are out of date: settled now, and their proofs stopped in the worker.
      for (const [older, other] of [...pending]) {
        if (!other.analysis) continue;
        settle(older, { superseded: true });
        try {
          worker.postMessage({ id: older, kind: 'cancel' });
        } catch {
          // A worker that cannot take a message is replaced by the watchdog anyway.
        }
      }
      return new Promise<EngineOutcome>((resolve) => {
        // Structured clone: plain copies, never reactive proxies.
        const message: EngineRequest = {
          id,
          kind: 'analyze',
          files: files.map(({ path, text }) => ({ path, text })),
          options: JSON.parse(JSON.stringify(options)) as AnalyzeOptions,
          ...(quickEffort === undefined ? {} : { quickEffort }),
        };
        request(message, {
          analysis: true,
          quick: (response) => onQuick?.(outcomeOf(response)),
          settle: (response) => {
            if ('superseded' in response) resolve({ status: 'superseded' });
            else if ('failed' in response) resolve({ status: 'error', message: response.failed });
            else if (response.kind === 'error')
              resolve({ status: 'error', message: response.error });
            else if (response.kind === 'analysis') resolve(outcomeOf(response));
            else resolve({ status: 'error', message: 'unexpected answer from the worker' });
          },
        });
      });
    },
    catalogue() {
      const id = nextId++;
      return new Promise((resolve) => {
        request(
          { id, kind: 'catalogue' },
          {
            analysis: false,
            settle: (response) => {
              if ('kind' in response && response.kind === 'catalogue')
                resolve({ scenarios: response.scenarios, errors: response.errors });
              else {
                const error =
                  'failed' in response
                    ? response.failed
                    : 'kind' in response && response.kind === 'error'
                      ? response.error
                      : 'no scenarios';
                resolve({ scenarios: [], errors: [], error });
              }
            },
          },
        );
      });
    },
    dispose() {
      for (const id of [...pending.keys()]) settle(id, { superseded: true });
      worker.terminate();
    },
    importDump(name, text, onProgress) {
      const id = nextId++;
      progressOf.set(id, onProgress);
      const outcome = new Promise<ImportOutcome>((resolve) => {
        request(
          { id, kind: 'import', name, text },
          {
            analysis: false,
            settle: (response) => {
              if ('superseded' in response) resolve({ status: 'cancelled' });
              else if ('failed' in response) resolve({ status: 'error', message: response.failed });
              else if (response.kind === 'imported')
                resolve({ status: 'done', imported: response.imported });
              else
                resolve({
                  status: 'error',
                  message:
                    response.kind === 'error'
                      ? response.error
                      : 'unexpected answer from the worker',
                });
            },
          },
        );
      });
      return {
        outcome,
        cancel() {
          if (!pending.has(id)) return;
          settle(id, { superseded: true });
          failAll('the import was cancelled, which restarted the analysis engine');
        },
      };
    },
    saveScenario(input) {
      const id = nextId++;
      return new Promise((resolve) => {
        const message: EngineRequest = {
          id,
          kind: 'saveScenario',
          input: JSON.parse(JSON.stringify(input)) as ClusterScenarioInput,
        };
        request(message, {
          analysis: false,
          settle: (response) => {
            if ('superseded' in response)
              resolve({ status: 'error', message: 'superseded by a newer request' });
            else if ('failed' in response) resolve({ status: 'error', message: response.failed });
            else if (response.kind === 'saved') resolve({ status: 'done', saved: response.saved });
            else
              resolve({
                status: 'error',
                message:
                  response.kind === 'error' ? response.error : 'unexpected answer from the worker',
              });
          },
        });
      });
    },
  };
}
