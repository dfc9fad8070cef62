// The engine worker's part for "Your cluster": work that is too heavy for the page (a dump of
// tens of MB) or needs the engine synchronously (verifying a saved scenario). Kept apart from
// engine.worker.ts so the analysis loop stays as it is.
import { analyze } from '../engine';
import { scenarioFromCluster } from '../scenarios/fromCluster';
import { importDump } from './dumpImport';
import type { EngineRequest, EngineResponse } from './engineProtocol';

export type SandboxRequest = Extract<EngineRequest, { kind: 'import' | 'saveScenario' }>;

export function sandboxRequest(
  request: SandboxRequest,
  post: (message: EngineResponse) => void,
): void {
  if (request.kind === 'import') {
    const imported = importDump(request.name, request.text, ({ done, total }) =>
      post({ id: request.id, kind: 'progress', done, total }),
    );
    post({ id: request.id, kind: 'imported', imported });
  } else {
    post({ id: request.id, kind: 'saved', saved: scenarioFromCluster(request.input, analyze) });
  }
}
