// The engine in a Web Worker: the page stays responsive while a cluster is analysed. It also
// answers with the scenario library, loaded and validated when the page was built
// (scripts/scenarioCatalogue.ts), which keeps that work off the page and off its first MUT.
// What it does with each message is engineHandler's (tested in Node).
import library from 'virtual:scenario-catalogue';
import { createEngineHandler } from './engineHandler';
import type { EngineRequest, EngineResponse } from './engineProtocol';
import { sandboxRequest } from './sandboxRequests';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(message: EngineResponse): void;
};

const handle = createEngineHandler({
  post: (message) => scope.postMessage(message),
  // A task after the messages already queued: a newer edit is seen before the next slice.
  later: (fn) => setTimeout(fn, 0),
  now: () => performance.now(),
  catalogue: () => library,
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
