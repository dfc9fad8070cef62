// What the engine worker does with each request, apart from the worker itself so it runs
// (and is tested) in Node. An analysis is answered twice: at once with a quick pass (a small
// share of the solver's search, so the MUT may be an interval), then with the full proof,
// run in slices that yield to the message loop: a newer analysis or a `cancel` that arrives
// meanwhile stops it between two slices, and the stopped proof sends nothing more.
// Both passes search the one grounding (parsed manifests, model, attack graph) the quick pass
// built: on a large cluster grounding costs as much as the quick search, so doing it twice
// delayed the proof by that much.
import {
  ground,
  runToEnd,
  solveGrounded,
  type AnalysisResult,
  type AnalyzeOptions,
  type Grounded,
  type InputFile,
} from '../engine';
import type { EngineRequest, EngineResponse } from './engineProtocol';
import { inventoryOf } from './inventory';

/** The share of the search for the quick pass: enough for the bounds and a good set. */
export const quickEffort = 0.05;
/** Work of the full proof between two looks at the message loop, in milliseconds. */
export const sliceMs = 20;

/** The engine as the handler uses it: ground once, search as often as asked. */
export interface HandlerEngine<G> {
  ground(files: readonly InputFile[], options: AnalyzeOptions): G;
  solveSteps(grounded: G, options: AnalyzeOptions): Generator<void, AnalysisResult>;
}

const realEngine: HandlerEngine<Grounded> = { ground, solveSteps: solveGrounded };

export interface EngineHandlerDeps<G> {
  post(message: EngineResponse): void;
  /** Runs `fn` after the messages already queued (the worker: setTimeout 0). */
  later(fn: () => void): void;
  now(): number;
  /** The scenario library, for `catalogue`. */
  catalogue(): Omit<Extract<EngineResponse, { kind: 'catalogue' }>, 'id' | 'kind'>;
  /** The engine; tests may pass their own. */
  engine?: HandlerEngine<G>;
}

export function createEngineHandler<G = Grounded>(
  deps: EngineHandlerDeps<G>,
): (request: EngineRequest) => void {
  const engine = deps.engine ?? (realEngine as unknown as HandlerEngine<G>);
  /**
   * The analysis whose proof is running, if any: one at a time, the newest. Its steps hold
   * the grounding, so dropping this (cancel, newer edit, done) lets the grounding go.
   */
  let proof: { id: number; steps: Generator<void, AnalysisResult> } | undefined;

  const fail = (id: number, error: unknown) =>
    deps.post({ id, kind: 'error', error: error instanceof Error ? error.message : String(error) });

  function prove(id: number, files: InputFile[], grounded: G, options: AnalyzeOptions, t0: number) {
    const current = { id, steps: engine.solveSteps(grounded, options) };
    proof = current;
    const slice = () => {
      if (proof !== current) return;
      const end = deps.now() + sliceMs;
      try {
        for (;;) {
          const next = current.steps.next();
          if (next.done) {
            proof = undefined;
            deps.post({
              id,
              kind: 'analysis',
              phase: 'final',
              result: next.value,
              inventory: inventoryOf(files),
              ms: deps.now() - t0,
            });
            return;
          }
          if (deps.now() >= end) break;
        }
      } catch (error) {
        proof = undefined;
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
          if (proof?.id === request.id) proof = undefined;
          return;
        case 'analyze': {
          // A newer analysis makes the running proof pointless: it stops at its next slice.
          proof = undefined;
          const { id, files, options } = request;
          const t0 = deps.now();
          const grounded = engine.ground(files, options);
          // An effort the caller chose is honoured as it is, in one pass.
          const quick = options.effort === undefined;
          const share = request.quickEffort ?? quickEffort;
          const result = runToEnd(
            engine.solveSteps(grounded, quick ? { ...options, effort: share } : options),
          );
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
          prove(id, files, grounded, options, t0);
          return;
        }
      }
    } catch (error) {
      if (request.kind === 'analyze' && proof?.id === request.id) proof = undefined;
      fail(request.id, error);
    }
  };
}
