// The messages between the page and the engine worker: plain JSON, one id per request.
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import type { Scenario, ScenarioError } from '../scenarios';

/** One Kubernetes object (or ThreatModel entry) the map can draw, with where it is written. */
export interface InventoryItem {
  /** Map node id, in the same vocabulary as the engine's facts (see src/ui/map/graph.ts). */
  id: string;
  kind: string;
  name: string;
  namespace?: string;
  file: string;
  line: number;
}

export type EngineRequest =
  | { id: number; kind: 'analyze'; files: InputFile[]; options: AnalyzeOptions }
  | { id: number; kind: 'catalogue' };

export type EngineResponse =
  | { id: number; ok: true; result: AnalysisResult; inventory: InventoryItem[]; ms: number }
  | { id: number; ok: true; scenarios: Scenario[]; errors: ScenarioError[] }
  | { id: number; ok: false; error: string };
