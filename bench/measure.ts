import { loadAll } from 'js-yaml';
import { analyze } from '../src/engine/index';
import { readObjects } from '../src/engine/manifests/objects';
import { clearParseCache, parseFiles } from '../src/engine/manifests/parseFiles';
import { generateCluster } from './synthetic';

// One size, in a process of its own, so peak memory belongs to that size alone.
// Prints one JSON line; bench/run.ts collects them.
//
// Every figure is the median of repeated runs after a warm-up of the same code: a cold
// JIT makes small inputs look several times slower than they are, and the floor and the
// engine must be compared in the same state.

const size = Number(process.argv[2] ?? '100');
const files = generateCluster(size);
const bytes = files.reduce((n, f) => n + f.text.length, 0);

// `measure.ts <size> heap`: only analyses, in a process whose heap bench/run.ts limits to the
// goal; running out of it fails the benchmark.
if (process.argv[3] === 'heap') {
  for (let i = 0; i < 3; i++) {
    clearParseCache();
    analyze(files);
  }
  console.log(JSON.stringify({ peakRssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

/** The median of `times`, which it sorts. */
function median(times: number[]): number {
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/** A measured step, and what must happen before each run of it, untimed. */
interface Run {
  setup?: () => void;
  fn: () => void;
}

/** Runs `run` for about `ms` (at least `min` times), adding each duration to `times`. */
function sample(run: Run, ms: number, min: number, times: number[] = []): number[] {
  const end = performance.now() + ms;
  for (let n = 0; n < min || performance.now() < end; n++) {
    run.setup?.();
    const t = performance.now();
    run.fn();
    times.push(performance.now() - t);
  }
  return times;
}

/**
 * Milliseconds of sampling per measure. At 10,000 objects an analysis takes a quarter of a
 * second and one in three or four overlaps a major collection of the garbage collector (which
 * on two cores slows it by half): thirty-odd samples keep the median steady.
 */
const budget = size >= 10_000 ? 8000 : 2000;
const min = size >= 10_000 ? 1 : 5;
const floorRun: Run = {
  fn: () => {
    for (const f of files) loadAll(f.text);
  },
};
// The engine keeps parsed documents for re-analysis after an edit; measure it cold. Emptying
// that cache is the benchmark's doing, not the engine's work, so it is not timed.
const parseRun: Run = {
  setup: clearParseCache,
  fn: () => readObjects(parseFiles(files).documents),
};
// The first analysis of the process: cold JIT, young generation at its smallest, as in a page
// (or a CLI run) that has just started and reads a cluster for the first time.
const firstStart = performance.now();
let result = analyze(files);
const firstMs = performance.now() - firstStart;
const analysisTimes: number[] = [];
const endToEndRun: Run = {
  setup: clearParseCache,
  fn: () => {
    result = analyze(files);
    analysisTimes.push(result.stats.modelMs + result.stats.graphMs + result.stats.solveMs);
  },
};
// After a learner's edit one document has changed and the rest comes from the cache.
const edited = [3, 4].map((replicas) =>
  files.map((f, i) =>
    i === 0 ? { ...f, text: f.text.replace('replicas: 2', `replicas: ${replicas}`) } : f,
  ),
);
let edits = 0;
const editRun: Run = { fn: () => analyze(edited[edits++ % 2]!) };

// Warm-up: until the JIT has optimised the hot paths (small inputs need thousands of runs)
// and the heap has grown to the work: at 10,000 objects the first seven or so analyses were
// slower (858 ms falling to 260), as V8 enlarged its young generation run after run.
const warmUpRuns = size >= 10_000 ? 10 : 3;
for (const run of [floorRun, parseRun, endToEndRun, editRun]) sample(run, 1000, warmUpRuns);
analysisTimes.length = 0;
// The measures take turns in short blocks, so a change in the machine's load or the
// process's state (JIT, heap) during the run affects the floor and the engine alike.
const runs = [floorRun, parseRun, endToEndRun, editRun];
const times: number[][] = runs.map(() => []);
const blocks = size >= 10_000 ? 16 : 8;
for (let block = 0; block < blocks; block++)
  runs.forEach((run, i) => sample(run, budget / blocks, min, times[i]));
const [floor, parse, endToEnd, editMs] = times.map(median) as [number, number, number, number];
// What an analysis keeps alive (its result and the parsed documents), after a full
// collection; the peak, garbage included, is bounded by the peak RSS.
(globalThis as { gc?: () => void }).gc?.();
const liveHeap = process.memoryUsage().heapUsed;
const analysis = median(analysisTimes);

console.log(
  JSON.stringify({
    size,
    objects: result.stats.objects,
    bytes,
    floorMs: floor,
    parseMs: parse,
    analysisMs: analysis,
    endToEndMs: endToEnd,
    firstMs,
    editMs,
    ratio: endToEnd / floor,
    heapMB: liveHeap / 2 ** 20,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    goals: result.goals.map((g) => `${g.goal}=${g.mut ?? '∞'}${g.exact ? '' : '?'}`).join(' '),
    facts: result.stats.facts,
    rules: result.stats.rules,
    messUps: result.stats.messUps,
  }),
);
