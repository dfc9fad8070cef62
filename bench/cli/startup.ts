import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Start-up of the installed CLI (the bundle in dist/cli/) against Node itself, measured side
// by side: each round runs `node -e 0`, `mut --help` and `mut analyze` of the worked example
// one after the other, so a busy machine slows all three alike. Medians of wall time.
// Goals (issue #20): --help within 2× of `node -e 0`, analyze within 3×.
//
//   npm run build:cli && npx tsx bench/cli/startup.ts [rounds]

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = join(root, 'dist/cli/mut.js');
if (!existsSync(bundle)) throw new Error('no dist/cli/mut.js: run `npm run build:cli` first');
const example = join(root, 'test/cli/fixtures/stage3');
const rounds = Number(process.argv[2] ?? '15');

const commands = {
  'node -e 0': ['-e', '0'],
  'mut --help': [bundle, '--help'],
  'mut analyze (worked example)': [bundle, 'analyze', example],
} as const;

function timeOnce(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const times = Object.fromEntries(Object.keys(commands).map((k) => [k, [] as number[]]));
for (const args of Object.values(commands)) timeOnce(args); // warm the file cache
for (let i = 0; i < rounds; i++)
  for (const [name, args] of Object.entries(commands)) times[name]!.push(timeOnce(args));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times['node -e 0']!);
const goals: Record<string, number> = { 'mut --help': 2, 'mut analyze (worked example)': 3 };
console.log(`CLI start-up, ${rounds} rounds, median wall time (Node ${process.version})`);
console.log('| command | ms | × node -e 0 | goal |');
console.log('| --- | ---: | ---: | ---: |');
for (const name of Object.keys(commands)) {
  const ms = median(times[name]!);
  const goal = goals[name];
  console.log(
    `| ${name} | ${ms.toFixed(0)} | ${(ms / base).toFixed(2)} | ${goal ? `≤ ${goal}× ${ms / base <= goal ? 'met' : 'NOT met'}` : ''} |`,
  );
}
