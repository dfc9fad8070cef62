// Composition root: the only place that wires the app together.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { createEngineClient } from './workers/engineClient';
import { spawnEngineWorker } from './workers/spawnEngineWorker';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The worker loads the scenario library (YAML, schema validation) and runs the engine, so
// neither parser weighs on the first page. The first scenario folder is the default. The
// client gets a factory, so it can replace a worker that crashes or hangs.
// `?quick=0.001` makes each analysis's first pass smaller, so the gauge shows the interval
// ("2–3, still proving") before the proof lands even on a small cluster: for demos and tests.
const quick = Number(new URLSearchParams(location.search).get('quick'));
const engine = createEngineClient(
  spawnEngineWorker,
  quick > 0 && quick <= 1 ? { quickEffort: quick } : {},
);
const catalogue = await engine.catalogue();
if (catalogue.errors.length) console.warn('Scenario errors', catalogue.errors);

target.replaceChildren();
mount(App, {
  target,
  props: {
    scenarios: catalogue.scenarios,
    loadErrors: catalogue.errors,
    fatal: catalogue.error ?? null,
    analyser: engine,
  },
});
