import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type { InputFile } from '../src/engine/types';
import type { createEngineHandler } from '../src/workers/engineHandler';
import type { EngineResponse } from '../src/workers/engineProtocol';
import { layeredManifests } from './families';
import { generateCluster } from './synthetic';

// The page worker's answer to one edit, in Node: from the request to the final answer (quick
// pass, then the proof in slices, with the worker's own slice length), on clusters of 1,000
// and 10,000 objects. `tsx bench/workerProof.ts [other/engineHandler.ts ...]` runs the same
// on other checkouts' handlers, alternating round by round, for an A/B in one run. Each
// handler is bundled as Vite bundles the worker (see bench/run.ts for why not through tsx).

type Create = typeof createEngineHandler;
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);

function load(handlerPath: string, dir: string, n: number): Create {
  const outfile = join(dir, `handler-${n}.cjs`);
  buildSync({
    entryPoints: [resolve(handlerPath)],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    outfile,
    logLevel: 'error',
  });
  return (createRequire(import.meta.url)(outfile) as { createEngineHandler: Create })
    .createEngineHandler;
}

/** One analysis request run to its final answer; the message loop is a queue run at once. */
function timeToFinal(create: Create, files: InputFile[], quickEffort?: number) {
  const tasks: (() => void)[] = [];
  let final: Extract<EngineResponse, { kind: 'analysis' }> | undefined;
  let quickMs: number | undefined;
  const handle = create({
    post: (m) => {
      if (m.kind === 'error') throw new Error(m.error);
      if (m.kind !== 'analysis') return;
      if (m.phase === 'quick') quickMs = m.ms;
      else final = m;
    },
    later: (fn) => tasks.push(fn),
    now: () => performance.now(),
    catalogue: () => ({ scenarios: [], errors: [] }),
  });
  const t0 = performance.now();
  handle({ id: 1, kind: 'analyze', files, options: {}, ...(quickEffort ? { quickEffort } : {}) });
  while (tasks.length) tasks.shift()!();
  if (!final) throw new Error('no final answer');
  return {
    ms: performance.now() - t0,
    quickMs,
    mut: final.result.goals.map((g) => g.mut).join(' '),
  };
}

async function main() {
  const paths = [
    join(import.meta.dirname, '../src/workers/engineHandler.ts'),
    ...process.argv.slice(2),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'mutlab-proof-'));
  try {
    const handlers = paths.map((p, i) => load(p, dir, i));
    const inputs: { name: string; files: (n: number) => InputFile[]; quickEffort?: number }[] = [
      {
        name: 'layered (quick pass not exact at 0.001)',
        files: layeredManifests,
        quickEffort: 0.001,
      },
      {
        name: 'synthetic (bench:browser, default quick share)',
        files: (n) => generateCluster(n, 42),
      },
    ];
    for (const input of inputs)
      for (const size of sizes) {
        const base = input.files(size);
        const times = handlers.map(() => [] as number[]);
        const quick = handlers.map(() => [] as number[]);
        let muts = '';
        for (let r = 0; r < rounds; r++)
          handlers.forEach((create, h) => {
            // A new comment each run: an edit, so the parser's cache of the last text misses.
            const files = base.map((f, i) =>
              i === 0 ? { ...f, text: `${f.text}\n# run ${r}-${h}\n` } : f,
            );
            const t = timeToFinal(create, files, input.quickEffort);
            times[h]!.push(t.ms);
            if (t.quickMs !== undefined) quick[h]!.push(t.quickMs);
            muts = t.mut;
          });
        for (const [h, list] of times.entries()) {
          const sorted = [...list].sort((a, b) => a - b);
          const q = quick[h]!.length
            ? `quick ${Math.min(...quick[h]!).toFixed(0)}–${Math.max(...quick[h]!).toFixed(0)} ms, `
            : 'one pass, ';
          console.log(
            `${input.name}, ${size} objects, ${h === 0 ? 'this checkout' : paths[h]}: request → final ` +
              `${sorted[0]!.toFixed(0)}–${sorted[sorted.length - 1]!.toFixed(0)} ms (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)}), ${q}MUT ${muts}`,
          );
        }
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
