// The engine in a Web Worker: the page stays responsive while a cluster is analysed. It also
// loads the scenario library (YAML and its schema), which keeps those parsers off the page.
import { analyze } from '../engine';
import { groupByFolder, loadScenarios } from '../scenarios';
import type { EngineRequest, EngineResponse } from './engineProtocol';
import { inventoryOf } from './inventory';
import { sandboxRequest } from './sandboxRequests';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(message: EngineResponse): void;
};

function catalogue() {
  const texts = import.meta.glob('/scenarios/**/*', {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;
  return loadScenarios(groupByFolder(texts));
}

scope.onmessage = (event) => {
  const request = event.data;
  try {
    if (request.kind === 'catalogue') {
      scope.postMessage({ id: request.id, ok: true, ...catalogue() });
      return;
    }
    if (request.kind === 'import' || request.kind === 'saveScenario') {
      sandboxRequest(request, (message) => scope.postMessage(message));
      return;
    }
    const t0 = performance.now();
    const result = analyze(request.files, request.options);
    const inventory = inventoryOf(request.files);
    scope.postMessage({ id: request.id, ok: true, result, inventory, ms: performance.now() - t0 });
  } catch (error) {
    scope.postMessage({
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  }
};
