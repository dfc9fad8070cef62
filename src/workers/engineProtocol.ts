// The messages between the page and the engine worker: plain JSON, one id per request.
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import type { InventoryItem } from '../machines/scenarioMachine';
import type { Scenario, ScenarioError } from '../scenarios';

export type { InventoryItem };

export type EngineRequest =
  | { id: number; kind: 'analyze'; files: InputFile[]; options: AnalyzeOptions }
  | { id: number; kind: 'catalogue' };

export type EngineResponse =
  | { id: number; ok: true; result: AnalysisResult; inventory: InventoryItem[]; ms: number }
  | { id: number; ok: true; scenarios: Scenario[]; errors: ScenarioError[] }
  | { id: number; ok: false; error: string };
