// A small typed client over the engine worker. Every request gets an id; for analyses the
// newest request wins: an answer to an older one is dropped (it resolves as `superseded`).
// Errors come back as data, never as a rejected promise.
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import type { Scenario, ScenarioError } from '../scenarios';
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

export interface EngineClient {
  analyze(files: InputFile[], options?: AnalyzeOptions): Promise<EngineOutcome>;
  /** The scenario library, loaded and validated in the worker. */
  catalogue(): Promise<Catalogue & { error?: string }>;
  dispose(): void;
}

type Settle = (response: EngineResponse | { superseded: true } | { failed: string }) => void;

export function createEngineClient(worker: WorkerLike): EngineClient {
  let nextId = 1;
  let newestAnalysis = 0;
  const pending = new Map<number, { settle: Settle; analysis: boolean }>();

  worker.addEventListener('message', (event) => {
    const response = event.data;
    const entry = pending.get(response.id);
    if (!entry) return;
    pending.delete(response.id);
    if (entry.analysis) {
      // Anything older than this answer is out of date: drop it.
      for (const [older, other] of pending) {
        if (other.analysis && older < response.id) {
          pending.delete(older);
          other.settle({ superseded: true });
        }
      }
      if (response.id < newestAnalysis) {
        entry.settle({ superseded: true });
        return;
      }
    }
    entry.settle(response);
  });
  worker.addEventListener('error', (event) => {
    // A crashed worker fails every open request, as data.
    const message = event.message || 'the analysis worker failed';
    for (const entry of pending.values()) entry.settle({ failed: message });
    pending.clear();
  });

  function request(message: EngineRequest, analysis: boolean, settle: Settle) {
    pending.set(message.id, { settle, analysis });
    try {
      worker.postMessage(message);
    } catch (error) {
      pending.delete(message.id);
      settle({ failed: error instanceof Error ? error.message : String(error) });
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
    dispose() {
      for (const entry of pending.values()) entry.settle({ superseded: true });
      pending.clear();
      worker.terminate();
    },
  };
}
