// Imported first by main.ts, so it runs before the page's UI modules are evaluated: the
// engine worker (which holds the scenario library) starts loading while the page's own
// JavaScript is still being compiled and run, and the library is asked for at once. The
// first MUT waits on the worker, not on the page.
import { createEngineClient } from './workers/engineClient';
import { spawnEngineWorker } from './workers/spawnEngineWorker';

// `?quick=0.001` makes each analysis's first pass smaller, so the gauge shows the interval
// ("2–3, still proving") before the proof lands even on a small cluster: for demos and tests.
const quick = Number(new URLSearchParams(location.search).get('quick'));

// The client gets a factory, so it can replace a worker that crashes or hangs.
export const engine = createEngineClient(
  spawnEngineWorker,
  quick > 0 && quick <= 1 ? { quickEffort: quick } : {},
);
performance.mark('mutlab:worker');
export const catalogue = engine.catalogue().then((answer) => {
  performance.mark('mutlab:catalogue');
  return answer;
});
