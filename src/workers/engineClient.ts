// A small typed client over the engine worker. Every request gets an id; for analyses the
// newest request wins: an answer to an older one is dropped (it resolves as `superseded`).
// Errors come back as data, never as a rejected promise; a worker that dies or hangs is
// replaced (see createEngineClient).
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import type { Scenario, ScenarioError } from '../scenarios';
import type { ClusterScenario, ClusterScenarioInput } from '../scenarios/fromCluster';
import type { DumpImport, DumpProgress } from './dumpImport';
import type { EngineRequest, EngineResponse, InventoryItem } from './engineProtocol';

export type { InventoryItem } from './engineProtocol';

export type EngineOutcome =
  | { status: 'done'; result: AnalysisResult; inventory: InventoryItem[]; ms: number }
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
  analyze(files: InputFile[], options?: AnalyzeOptions): Promise<EngineOutcome>;
  /** The scenario library, loaded and validated in the worker. */
  catalogue(): Promise<Catalogue & { error?: string }>;
  /**
   * Splits a kubectl dump in the worker, reporting progress. `cancel` stops the worker (a
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
  dispose(): void;
}

type Answer = Exclude<EngineResponse, { kind: 'progress' }>;
type Settle = (response: Answer | { superseded: true } | { failed: string }) => void;

export interface EngineClientOptions {
  /** An analysis not answered within this time stops the worker, which is restarted. */
  timeLimitMs?: number;
  /** Loading the scenario library, once at start, may take longer. */
  catalogueTimeLimitMs?: number;
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
  const spawn = typeof source === 'function' ? source : undefined;
  let worker = typeof source === 'function' ? source() : source;
  let nextId = 1;
  let newestAnalysis = 0;
  const pending = new Map<
    number,
    { settle: Settle; analysis: boolean; timer: ReturnType<typeof setTimeout> }
  >();
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

  function listen(current: WorkerLike) {
    current.addEventListener('message', (event) => {
      if (current !== worker) return;
      const response = event.data;
      if ('kind' in response) {
        // Progress is news about a request, not its answer.
        progressOf.get(response.id)?.({ done: response.done, total: response.total });
        return;
      }
      const entry = pending.get(response.id);
      if (!entry) return;
      if (entry.analysis) {
        // Anything older than this answer is out of date: drop it.
        for (const [older, other] of pending) {
          if (other.analysis && older < response.id) settle(older, { superseded: true });
        }
        if (response.id < newestAnalysis) {
          settle(response.id, { superseded: true });
          return;
        }
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

  function request(message: EngineRequest, analysis: boolean, onAnswer: Settle) {
    const limit = analysis ? timeLimitMs : catalogueTimeLimitMs;
    const timer = setTimeout(() => {
      const seconds = Math.round(limit / 1000);
      failAll(
        `no answer within ${seconds} s (the analysis time limit): the analysis engine was stopped and restarted`,
      );
    }, limit);
    pending.set(message.id, { settle: onAnswer, analysis, timer });
    try {
      worker.postMessage(message);
    } catch (error) {
      settle(message.id, { failed: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    analyze(files, options = {}) {
      const id = nextId++;
      newestAnalysis = id;
      return new Promise<EngineOutcome>((resolve) => {
        // Structured clone: plain copies, never reactive proxies.
        const message: EngineRequest = {
          id,
          kind: 'analyze',
          files: files.map(({ path, text }) => ({ path, text })),
          options: JSON.parse(JSON.stringify(options)) as AnalyzeOptions,
        };
        request(message, true, (response) => {
          if ('superseded' in response) resolve({ status: 'superseded' });
          else if ('failed' in response) resolve({ status: 'error', message: response.failed });
          else if (!response.ok) resolve({ status: 'error', message: response.error });
          else if ('result' in response)
            resolve({
              status: 'done',
              result: response.result,
              inventory: response.inventory,
              ms: response.ms,
            });
          else resolve({ status: 'error', message: 'unexpected answer from the worker' });
        });
      });
    },
    catalogue() {
      const id = nextId++;
      return new Promise((resolve) => {
        request({ id, kind: 'catalogue' }, false, (response) => {
          if ('scenarios' in response)
            resolve({ scenarios: response.scenarios, errors: response.errors });
          else {
            const error =
              'failed' in response
                ? response.failed
                : 'error' in response
                  ? response.error
                  : 'no scenarios';
            resolve({ scenarios: [], errors: [], error });
          }
        });
      });
    },
    importDump(name, text, onProgress) {
      const id = nextId++;
      progressOf.set(id, onProgress);
      const outcome = new Promise<ImportOutcome>((resolve) => {
        request({ id, kind: 'import', name, text }, false, (response) => {
          if ('superseded' in response) resolve({ status: 'cancelled' });
          else if ('failed' in response) resolve({ status: 'error', message: response.failed });
          else if ('imported' in response) resolve({ status: 'done', imported: response.imported });
          else
            resolve({
              status: 'error',
              message: 'error' in response ? response.error : 'unexpected answer from the worker',
            });
        });
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
        request(message, false, (response) => {
          if ('saved' in response) resolve({ status: 'done', saved: response.saved });
          else
            resolve({
              status: 'error',
              message:
                'failed' in response
                  ? response.failed
                  : 'error' in response
                    ? response.error
                    : 'unexpected answer from the worker',
            });
        });
      });
    },
    dispose() {
      for (const id of [...pending.keys()]) settle(id, { superseded: true });
      worker.terminate();
    },
  };
}
