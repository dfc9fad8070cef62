// What the engine worker does with each request, apart from the worker itself so it runs
// (and is tested) in Node. An analysis is answered twice: at once with a quick pass (a small
// share of the solver's search, so the MUT may be an interval), then with the full proof,
// run in slices that yield to the message loop: a newer analysis or a `cancel` that arrives
// meanwhile stops it between two slices, and the stopped proof sends nothing more.
import { analyze, analyzeSteps, type AnalysisResult, type AnalyzeOptions } from '../engine';
import type { InputFile } from '../engine';
import type { EngineRequest, EngineResponse } from './engineProtocol';
import { inventoryOf } from './inventory';

/** The share of the search for the quick pass: enough for the bounds and a good set. */
export const quickEffort = 0.05;
/** Work of the full proof between two looks at the message loop, in milliseconds. */
export const sliceMs = 20;

export interface EngineHandlerDeps {
  post(message: EngineResponse): void;
  /** Runs `fn` after the messages already queued (the worker: setTimeout 0). */
  later(fn: () => void): void;
  now(): number;
  /** The scenario library, for `catalogue`. */
  catalogue(): Omit<Extract<EngineResponse, { kind: 'catalogue' }>, 'id' | 'kind'>;
  /** The engine; tests may pass their own. */
  analyze?: (files: readonly InputFile[], options: AnalyzeOptions) => AnalysisResult;
  analyzeSteps?: (
    files: readonly InputFile[],
    options: AnalyzeOptions,
  ) => Generator<void, AnalysisResult>;
}

export function createEngineHandler(deps: EngineHandlerDeps): (request: EngineRequest) => void {
  const runQuick = deps.analyze ?? analyze;
  const runSteps = deps.analyzeSteps ?? analyzeSteps;
  /** The analysis whose proof is running, if any: one at a time, the newest. */
  let proving: number | undefined;

  const fail = (id: number, error: unknown) =>
    deps.post({ id, kind: 'error', error: error instanceof Error ? error.message : String(error) });

  function prove(id: number, files: InputFile[], options: AnalyzeOptions, t0: number) {
    const steps = runSteps(files, options);
    const slice = () => {
      if (proving !== id) return;
      const end = deps.now() + sliceMs;
      try {
        for (;;) {
          const next = steps.next();
          if (next.done) {
            proving = undefined;
            const inventory = inventoryOf(files);
            deps.post({
              id,
              kind: 'analysis',
              phase: 'final',
              result: next.value,
              inventory,
              ms: deps.now() - t0,
            });
            return;
          }
          if (deps.now() >= end) break;
        }
      } catch (error) {
        proving = undefined;
        fail(id, error);
        return;
      }
      deps.later(slice);
    };
    deps.later(slice);
  }

  return (request) => {
    try {
      switch (request.kind) {
        case 'catalogue':
          deps.post({ id: request.id, kind: 'catalogue', ...deps.catalogue() });
          return;
        case 'cancel':
          if (proving === request.id) proving = undefined;
          return;
        case 'analyze': {
          // A newer analysis makes the running proof pointless: it stops at its next slice.
          proving = undefined;
          const { id, files, options } = request;
          const t0 = deps.now();
          // An effort the caller chose is honoured as it is, in one pass.
          const quick = options.effort === undefined;
          const share = request.quickEffort ?? quickEffort;
          const result = runQuick(files, quick ? { ...options, effort: share } : options);
          const done = !quick || result.goals.every((g) => g.exact);
          deps.post({
            id,
            kind: 'analysis',
            phase: done ? 'final' : 'quick',
            result,
            inventory: inventoryOf(files),
            ms: deps.now() - t0,
          });
          if (done) return;
          proving = id;
          prove(id, files, options, t0);
          return;
        }
      }
    } catch (error) {
      if (request.kind === 'analyze' && proving === request.id) proving = undefined;
      fail(request.id, error);
    }
  };
}
