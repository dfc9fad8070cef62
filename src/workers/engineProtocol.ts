// The messages between the page and the engine worker: plain JSON, one id per request.
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import type { InventoryItem } from '../machines/scenarioMachine';
import type { Scenario, ScenarioError } from '../scenarios';
import type { ClusterScenario, ClusterScenarioInput } from '../scenarios/fromCluster';
import type { DumpImport } from './dumpImport';

export type { InventoryItem };

export type EngineRequest =
  | { id: number; kind: 'analyze'; files: InputFile[]; options: AnalyzeOptions }
  | { id: number; kind: 'catalogue' }
  // Your cluster (src/workers/sandboxRequests.ts): a kubectl dump split in the worker, with
  // progress; a cluster and its edits saved as a scenario folder, verified.
  | { id: number; kind: 'import'; name: string; text: string }
  | { id: number; kind: 'saveScenario'; input: ClusterScenarioInput };

export type EngineResponse =
  | { id: number; ok: true; result: AnalysisResult; inventory: InventoryItem[]; ms: number }
  | { id: number; ok: true; scenarios: Scenario[]; errors: ScenarioError[] }
  | { id: number; ok: false; error: string }
  | { id: number; ok: true; imported: DumpImport }
  | { id: number; ok: true; saved: ClusterScenario }
  /** Work done so far on request `id` (not an answer: more follows). */
  | { id: number; kind: 'progress'; done: number; total: number };
