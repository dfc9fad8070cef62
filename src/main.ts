// Composition root: the only place that wires the app together. The engine starts first
// (bootEngine.ts); the UI's modules are evaluated while its worker loads.
import { catalogue as cataloguePromise, engine } from './bootEngine';
import { mount } from 'svelte';
import App from './ui/App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The worker loads the scenario library (built and validated at build time) and runs the
// engine. The first scenario folder is the default.
const catalogue = await cataloguePromise;
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
performance.mark('mutlab:mounted');
