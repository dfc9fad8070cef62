import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kubectlDump } from './kubectlDump';

// A real cluster dump through the installed CLI, end to end: `kubectl get -A -o yaml` prints
// one `kind: List` whose items carry the server's metadata (uid, resourceVersion,
// managedFields, status). The floor is js-yaml's `loadAll` of the same text in a process of
// its own. Both are measured by /usr/bin/time: CPU (user + system), wall and peak RSS.
// Goals (issue #20): at 90,000 objects, CPU and peak RSS within 3× of the floor.
//
// Each size runs `--rounds` rounds (default 3); in each round the floor, this checkout's
// bundle and (with `--against REV`) the bundle of an older commit run one after the other, so
// a busy machine slows them alike. The table gives each figure's range over the rounds, and
// each round's ratio to the floor of the same round. `--against REV` builds that commit's CLI
// from `git archive` into .bench/ (its own scripts/build-cli.mjs, this checkout's
// node_modules). `--timeout S` stops a run that takes longer (shown as "> S").
//
//   npm run build:cli && npx tsx bench/cli/dump.ts [--rounds N] [--against REV] [--timeout S] [sizes...]
//   (default sizes 10000 50000 100000)

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = join(root, 'dist/cli/mut.js');
if (!existsSync(bundle)) throw new Error('no dist/cli/mut.js: run `npm run build:cli` first');

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const [, value] = args.splice(at, 2);
  return value;
}
const rounds = Number(option('--rounds') ?? '3');
const against = option('--against');
const timeoutS = Number(option('--timeout') ?? '600');
const sizes = args.map(Number);
if (!sizes.length) sizes.push(10_000, 50_000, 100_000);

/** The CLI of an older commit, built as that commit built it. */
function bundleOf(rev: string): string {
  const commit = execFileSync('git', ['rev-parse', '--short', rev], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const tree = join(root, '.bench', `cli-${commit}`);
  const built = join(tree, 'dist/cli/mut.js');
  if (existsSync(built)) return built;
  mkdirSync(tree, { recursive: true });
  const archive = execFileSync('git', ['archive', commit, 'src', 'scripts', 'package.json'], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', tree], { input: archive });
  execFileSync(process.execPath, [join(tree, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  return built;
}
const old = against ? bundleOf(against) : undefined;

interface Usage {
  wallS: number;
  cpuS: number;
  rssMB: number;
}

/** One run's usage; undefined when it took longer than the timeout. */
function measure(args: string[]): Usage | undefined {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutS * 1000,
    killSignal: 'SIGKILL',
  });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return undefined;
  const last = run.stderr.trim().split('\n').at(-1) ?? '';
  const [wall, user, sys, rssKB] = last.split(' ').map(Number);
  if (run.status !== 0 || rssKB === undefined || Number.isNaN(rssKB))
    throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return { wallS: wall!, cpuS: user! + sys!, rssMB: rssKB / 1024 };
}

/** "min–max" of the figures, or "> timeout" when a run did not finish. */
function range(values: (number | undefined)[], digits: number): string {
  if (values.some((v) => v === undefined)) return `> ${timeoutS} s`;
  const xs = values as number[];
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  return lo.toFixed(digits) === hi.toFixed(digits)
    ? lo.toFixed(digits)
    : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
}

const dir = mkdtempSync(join(tmpdir(), 'mut-dump-'));
const floorScript = join(dir, 'floor.mjs');
writeFileSync(
  floorScript,
  `import { readFileSync } from 'node:fs';\nimport { loadAll } from ${JSON.stringify(join(root, 'node_modules/js-yaml/dist/js-yaml.mjs'))};\nloadAll(readFileSync(process.argv[2], 'utf8'));\n`,
);
const contenders: [string, string][] = [['mut', bundle]];
if (old) contenders.push([`mut ${against}`, old]);
console.log(
  `CLI on a kubectl dump (kind: List), /usr/bin/time, ${rounds} rounds, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log('| objects | MB | run | CPU s | × floor CPU | wall s | peak RSS MB | × floor RSS |');
console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
try {
  for (const size of sizes) {
    const path = join(dir, `dump-${size}.yaml`);
    const text = kubectlDump(size);
    writeFileSync(path, text);
    const floors: Usage[] = [];
    const runs = new Map<string, (Usage | undefined)[]>(contenders.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      floors.push(measure([floorScript, path])!);
      for (const [name, file] of contenders) {
        // A run that timed out once is not tried again at this size.
        if (runs.get(name)!.includes(undefined)) continue;
        runs.get(name)!.push(measure([file, 'analyze', path, '--json']));
      }
    }
    const mb = (text.length / 1024 / 1024).toFixed(1);
    const row = (name: string, usage: (Usage | undefined)[]) => {
      const ratio = (pick: (u: Usage) => number) =>
        range(
          usage.map((u, i) => (u ? pick(u) / pick(floors[i]!) : undefined)),
          1,
        );
      console.log(
        `| ${size.toLocaleString('en')} | ${mb} | ${name} | ${range(
          usage.map((u) => u?.cpuS),
          2,
        )} | ${ratio((u) => u.cpuS)} | ${range(
          usage.map((u) => u?.wallS),
          1,
        )} | ${range(
          usage.map((u) => u?.rssMB),
          0,
        )} | ${ratio((u) => u.rssMB)} |`,
      );
    };
    row('js-yaml loadAll (floor)', floors);
    for (const [name] of contenders) row(name, runs.get(name)!);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
