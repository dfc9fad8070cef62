// The engine in a Web Worker: the page stays responsive while a cluster is analysed. It also
// loads the scenario library (YAML and its schema), which keeps those parsers off the page.
// What it does with each message is engineHandler's (tested in Node).
import { groupByFolder, loadScenarios } from '../scenarios';
import { createEngineHandler } from './engineHandler';
import type { EngineRequest, EngineResponse } from './engineProtocol';
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

const handle = createEngineHandler({
  post: (message) => scope.postMessage(message),
  // A task after the messages already queued: a newer edit is seen before the next slice.
  later: (fn) => setTimeout(fn, 0),
  now: () => performance.now(),
  catalogue,
});

scope.onmessage = (event) => {
  const request = event.data;
  if (request.kind === 'import' || request.kind === 'saveScenario') {
    try {
      sandboxRequest(request, (message) => scope.postMessage(message));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      scope.postMessage({ id: request.id, kind: 'error', error: message });
    }
    return;
  }
  handle(request);
};
