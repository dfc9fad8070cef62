// The messages between the page and the engine worker: plain JSON, one id per request,
// discriminated by `kind` both ways so new kinds (progress, say) fit beside these.
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import type { InventoryItem } from '../machines/scenarioMachine';
import type { Scenario, ScenarioError } from '../scenarios';
import type { ClusterScenario, ClusterScenarioInput } from '../scenarios/fromCluster';
import type { DumpImport } from './dumpImport';

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
  | { id: number; kind: 'cancel' }
  // Your cluster (src/workers/sandboxRequests.ts): a kubectl dump split in the worker, with
  // progress; a cluster and its edits saved as a scenario folder, verified.
  | { id: number; kind: 'import'; name: string; text: string }
  | { id: number; kind: 'saveScenario'; input: ClusterScenarioInput };

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
  | { id: number; kind: 'error'; error: string }
  | { id: number; kind: 'imported'; imported: DumpImport }
  | { id: number; kind: 'saved'; saved: ClusterScenario }
  /** Work done so far on request `id` (not an answer: more follows). */
  | { id: number; kind: 'progress'; done: number; total: number };
