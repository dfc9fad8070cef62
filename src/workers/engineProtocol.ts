// The messages between the page and the engine worker: plain JSON, one id per request,
// discriminated by `kind` both ways so new kinds (progress, say) fit beside these.
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import type { InventoryItem } from '../machines/scenarioMachine';
import type { Scenario, ScenarioError } from '../scenarios';

export type { InventoryItem };

export type EngineRequest =
  | {
      id: number;
      kind: 'analyze';
      files: InputFile[];
      options: AnalyzeOptions;
      /** The share of the search for the quick pass (default: engineHandler's `quickEffort`). */
      quickEffort?: number;
    }
  | { id: number; kind: 'catalogue' }
  /** Stop work on request `id` (an analysis still proving): no more answers to it. */
  | { id: number; kind: 'cancel' };

/**
 * An analysis is answered once or twice: `quick` (a small share of the search: the MUT may
 * be an interval, "still proving") and then `final` (the full search), or `final` alone
 * when the quick pass already proved every goal.
 */
export type AnalysisPhase = 'quick' | 'final';

export type EngineResponse =
  | {
      id: number;
      kind: 'analysis';
      phase: AnalysisPhase;
      result: AnalysisResult;
      inventory: InventoryItem[];
      ms: number;
    }
  | { id: number; kind: 'catalogue'; scenarios: Scenario[]; errors: ScenarioError[] }
  | { id: number; kind: 'error'; error: string };
