import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

// `npm run bench`: the engine on seeded synthetic clusters of 10 to 10,000 objects,
// against js-yaml's loadAll on the same text as the floor (a fast YAML reader that keeps
// no positions). Each size runs in its own process so its peak memory is its own.
// Browser figures (edit → gauge latency, frame times) come from `npm run bench:browser`.
//
// Times are taken with V8's default heap settings, as the CLI and the page's worker run. The
// heap goal is checked apart, in a process limited to it: a limit on the old generation also
// shrinks the young one (V8 sizes it from the limit), which made the largest size spend a
// sixth of its time more in the garbage collector than any user's run does.
//
// The engine is measured as the page ships it: bundled, as Vite bundles the worker. Run
// through tsx instead, every named closure the engine creates is wrapped in a call that
// redefines its name (tsx compiles with esbuild's keepNames, for stack traces), which cost a
// small cluster's analysis a tenth more; js-yaml, the floor, runs as plain JavaScript.

interface Row {
  size: number;
  objects: number;
  bytes: number;
  floorMs: number;
  parseMs: number;
  analysisMs: number;
  endToEndMs: number;
  firstMs: number;
  editMs: number;
  ratio: number;
  heapMB: number;
  peakRssMB: number;
  limitedRssMB: number;
  goals: string;
  facts: number;
  rules: number;
  messUps: number;
}

const heapLimitMB = 500;
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000,10000').split(',').map(Number);
const bundleDir = mkdtempSync(join(tmpdir(), 'mut-bench-'));
const measure = join(bundleDir, 'measure.cjs');
buildSync({
  entryPoints: [fileURLToPath(new URL('./measure.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: measure,
  logLevel: 'warning',
});
process.on('exit', () => rmSync(bundleDir, { recursive: true, force: true }));

const rows: Row[] = [];
/** Runs the measure in a fresh Node with `flags`; its last line of output, parsed. */
function measureIn(flags: string[], ...args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, [...flags, measure, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

for (const size of sizes) {
  const row = measureIn(['--expose-gc'], String(size)) as unknown as Row;
  // The heap goal as a limit: a size that needed more would fail here, not pass quietly.
  const limited = measureIn([`--max-old-space-size=${heapLimitMB}`], String(size), 'heap');
  rows.push({ ...row, limitedRssMB: limited.peakRssMB as number });
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
const table = [
  [
    'objects',
    'YAML',
    'js-yaml floor',
    'engine parse',
    'analysis',
    'end to end',
    'e2e / floor',
    'first, cold',
    'after an edit',
    'live heap',
    'peak RSS',
    `peak RSS, ${heapLimitMB} MB heap`,
    'graph (facts/rules/mess-ups)',
    'MUT',
  ],
  ...rows.map((r) => [
    String(r.objects),
    `${(r.bytes / 1024).toFixed(0)} KB`,
    `${ms(r.floorMs)} ms`,
    `${ms(r.parseMs)} ms`,
    `${ms(r.analysisMs)} ms`,
    `${ms(r.endToEndMs)} ms`,
    `${r.ratio.toFixed(2)}×`,
    `${ms(r.firstMs)} ms`,
    `${ms(r.editMs)} ms`,
    `${r.heapMB.toFixed(0)} MB`,
    `${r.peakRssMB.toFixed(0)} MB`,
    `${r.limitedRssMB.toFixed(0)} MB`,
    `${r.facts}/${r.rules}/${r.messUps}`,
    r.goals,
  ]),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, j) => cell.padEnd(widths[j]!)).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
const worst = Math.max(...rows.map((r) => r.ratio));
const tenThousand = rows.find((r) => r.size === 10_000);
console.log(
  `\nGoals: end to end ≤ 3× the floor at every size (worst ${worst.toFixed(2)}×); 10,000 objects < 1 s (${tenThousand ? `${ms(tenThousand.endToEndMs)} ms, the first and cold ${ms(tenThousand.firstMs)} ms` : '-'}); each size also ran its analyses with the heap limited to ${heapLimitMB} MB.`,
);
