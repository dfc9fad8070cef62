import { loadAll } from 'js-yaml';
import { analyze } from '../src/engine/index';
import { readObjects } from '../src/engine/manifests/objects';
import { clearParseCache, parseFiles } from '../src/engine/manifests/parseFiles';
import { generateCluster } from './synthetic';

// One size, in a process of its own, so peak memory belongs to that size alone.
// Prints one JSON line; bench/run.ts collects them.

const size = Number(process.argv[2] ?? '100');
const files = generateCluster(size);
const bytes = files.reduce((n, f) => n + f.text.length, 0);

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const runs = size >= 10_000 ? 3 : size >= 1000 ? 5 : 20;
// Warm up the JIT the same way for everything measured.
for (let i = 0; i < 2; i++) analyze(files);

const floor = best(runs, () => {
  for (const f of files) loadAll(f.text);
});
// The engine keeps parsed documents for re-analysis after an edit; measure it cold.
const parse = best(runs, () => {
  clearParseCache();
  readObjects(parseFiles(files).documents);
});
let result = analyze(files);
const endToEnd = best(runs, () => {
  clearParseCache();
  result = analyze(files);
});
const editMs = (() => {
  // One document changed, as after a learner's edit: the rest comes from the cache.
  const edited = files.map((f, i) =>
    i === 0 ? { ...f, text: f.text.replace('replicas: 2', 'replicas: 3') } : f,
  );
  const t = performance.now();
  analyze(edited);
  return performance.now() - t;
})();
const analysis = result.stats.modelMs + result.stats.graphMs + result.stats.solveMs;

console.log(
  JSON.stringify({
    size,
    objects: result.stats.objects,
    bytes,
    floorMs: floor,
    parseMs: parse,
    analysisMs: analysis,
    endToEndMs: endToEnd,
    editMs,
    ratio: endToEnd / floor,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    goals: result.goals.map((g) => `${g.goal}=${g.mut ?? '∞'}${g.exact ? '' : '?'}`).join(' '),
    facts: result.stats.facts,
    rules: result.stats.rules,
    messUps: result.stats.messUps,
  }),
);
