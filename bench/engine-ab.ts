import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { layeredManifests } from './families';
import { generateCluster } from './synthetic';

// The engine's `analyze` on the browser bench's 1,000-object input, this checkout against
// older commits side by side in one run. The input is the one `npm run bench:browser` edits:
// the worked example's stage-1 cluster with rbac.yaml holding the synthetic cluster of
// `--size` objects (seed 42, its ThreatModel left out, so the worked example's goal counts).
// Every contender analyses the same text, built by this checkout.
//
// Each commit's engine is bundled with esbuild from `git archive` into .bench/ (as
// bench/cli/dump.ts builds an older CLI), with this checkout's node_modules, and runs in
// processes of its own: per round, every contender once, one after the other, so a busy
// machine slows them alike. A process warms up (`--warm-up` analyses, the JIT optimises the
// hot paths) and then times `--runs` analyses by processor time (`process.cpuUsage`, user and
// system: on a shared machine the wall clock measures the queue). The table gives the range,
// over the rounds, of each round's median, and the engine's own split of it (model, graph,
// solve: wall time, so it moves with the load).
//
//   npx tsx bench/engine-ab.ts [--against REV]... [--rounds N] [--runs N] [--warm-up N]
//                              [--size N] [--effort E] [--family layered|synthetic]
//   (default: --rounds 3 --runs 15 --warm-up 5 --size 1000; `--effort 0.05` is the page's
//   quick pass, which the gauge shows first; commits before it ignore the option;
//   `--family layered`: bench/families.ts's layered-defence manifests of `--size` objects
//   (`--family synthetic`: `npm run bench:engine`'s synthetic cluster of `--size` objects, seed
//   42, ThreatModel included)
//   instead of the browser input)

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
function options(name: string): string[] {
  const values: string[] = [];
  for (let at = args.indexOf(name); at !== -1; at = args.indexOf(name)) {
    const [, value] = args.splice(at, 2);
    if (value === undefined) throw new Error(`${name} needs a value`);
    values.push(value);
  }
  return values;
}
const option = (name: string) => options(name).at(-1);
const against = options('--against');
const rounds = Number(option('--rounds') ?? '3');
const runs = Number(option('--runs') ?? '15');
const warmUp = Number(option('--warm-up') ?? '5');
const size = Number(option('--size') ?? '1000');
/** `layered` or `synthetic`: that input (see above) instead of the browser input. */
const family = option('--family');
const effort = option('--effort');
const interleave = args.includes('--interleave');
if (interleave) args.splice(args.indexOf('--interleave'), 1);
if (args.length) throw new Error(`unknown arguments: ${args.join(' ')}`);

/**
 * The runner: analyses with each engine bundle it is given, taking turns analysis by
 * analysis when given several (`--interleave`), so that the machine's load, which changes
 * from second to second, falls on each alike. Prints each engine's samples and a digest of
 * its last result (timings left out): a speed change must not change an answer.
 */
const runner = `
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const [input, warmUp, runs, effort, ...bundles] = process.argv.slice(2);
const files = JSON.parse(readFileSync(input, 'utf8'));
const options = effort ? { effort: Number(effort) } : {};
const engines = bundles.map((b) => require(b).analyze);
const last = [];
for (let i = 0; i < Number(warmUp); i++) engines.forEach((analyze, e) => (last[e] = analyze(files, options)));
const samples = engines.map(() => []);
// The order turns each time (ABBA): the garbage one engine leaves is collected in the next run.
const order = (i) => (i % 2 ? [...engines.keys()].reverse() : [...engines.keys()]);
for (let i = 0; i < Number(runs); i++)
  order(i).forEach((e) => {
    const analyze = engines[e];
    const t = process.cpuUsage();
    const r = (last[e] = analyze(files, options));
    const d = process.cpuUsage(t);
    const s = r.stats;
    samples[e].push({ cpuMs: (d.user + d.system) / 1000, modelMs: s.modelMs, graphMs: s.graphMs, solveMs: s.solveMs });
  });
console.log(JSON.stringify(engines.map((_, e) => {
  const { parseMs, modelMs, graphMs, solveMs, ...stats } = last[e].stats;
  const r = last[e];
  return {
    samples: samples[e],
    shape: { facts: stats.facts, rules: stats.rules, messUps: stats.messUps,
      goals: r.goals.map((g) => g.goal + '=' + (g.mut ?? '∞') + (g.exact ? '' : '?')).join(' '),
      findings: r.findings.length, diagnostics: r.diagnostics.length,
      digest: createHash('sha256').update(JSON.stringify({ ...r, stats })).digest('hex').slice(0, 12) },
  };
})));
`;

const work = join(root, '.bench');
mkdirSync(work, { recursive: true });

/** The driver bundled with the engine under `tree` (a checkout, or an archived commit). */
function bundleFor(tree: string, name: string): string {
  const entry = join(work, `engine-ab-${name}.cts`);
  writeFileSync(
    entry,
    `module.exports = require(${JSON.stringify(join(tree, 'src/engine/index.ts'))});\n`,
  );
  const out = join(work, `engine-ab-${name}.cjs`);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    // The archived tree has no node_modules: resolve the engine's dependencies from here.
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'warning',
  });
  return out;
}

/** An older commit's sources, once per commit. */
function treeOf(rev: string): { tree: string; commit: string } {
  const commit = execFileSync('git', ['rev-parse', '--short', rev], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const tree = join(work, `engine-${commit}`);
  if (!existsSync(join(tree, 'src/engine/index.ts'))) {
    mkdirSync(tree, { recursive: true });
    const archive = execFileSync('git', ['archive', commit, 'src'], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', tree], { input: archive });
  }
  return { tree, commit };
}

/** The browser bench's input: the worked example, its rbac.yaml holding the synthetic cluster. */
function browserInput(): { path: string; text: string }[] {
  const dir = join(root, 'scenarios/01-worked-example/cluster');
  const synthetic = generateCluster(size, 42)
    .filter((f) => !/ThreatModel/.test(f.text))
    .map((f) => f.text)
    .join('\n---\n');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((path) => {
      const text = readFileSync(join(dir, path), 'utf8');
      return { path, text: path === 'rbac.yaml' ? `${text}\n---\n${synthetic}` : text };
    });
}

interface Sample {
  cpuMs: number;
  modelMs: number;
  graphMs: number;
  solveMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (v: number, digits?: number) =>
  digits !== undefined ? v.toFixed(digits) : v < 10 ? v.toFixed(1) : v.toFixed(0);
function range(xs: number[], digits?: number): string {
  const [lo, hi] = [fmt(Math.min(...xs), digits), fmt(Math.max(...xs), digits)];
  return lo === hi ? lo : `${lo}–${hi}`;
}

interface Outcome {
  samples: Sample[];
  shape: Record<string, unknown>;
}

const tmp = mkdtempSync(join(tmpdir(), 'mut-engine-ab-'));
try {
  const input = join(tmp, 'input.json');
  writeFileSync(
    input,
    JSON.stringify(
      family === 'layered'
        ? layeredManifests(size)
        : family === 'synthetic'
          ? generateCluster(size, 42)
          : browserInput(),
    ),
  );
  const script = join(tmp, 'runner.cjs');
  writeFileSync(script, runner);
  const contenders: { name: string; bundle: string }[] = [
    { name: 'this checkout', bundle: bundleFor(root, 'here') },
  ];
  for (const rev of against) {
    const { tree, commit } = treeOf(rev);
    const name = rev === commit ? commit : `${rev} (${commit})`;
    contenders.push({ name, bundle: bundleFor(tree, commit) });
  }
  const run = (bundles: string[]): Outcome[] =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [script, input, String(warmUp), String(runs), effort ?? '', ...bundles],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      )
        .trim()
        .split('\n')
        .pop()!,
    ) as Outcome[];
  /** Each contender's medians, one per round. */
  const medians = contenders.map(() => [] as Sample[]);
  const shapes: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const outcomes = interleave
      ? run(contenders.map((c) => c.bundle))
      : contenders.map((c) => run([c.bundle])[0]!);
    outcomes.forEach(({ samples, shape }, i) => {
      const pick = (k: keyof Sample) => median(samples.map((s) => s[k]));
      medians[i]!.push({
        cpuMs: pick('cpuMs'),
        modelMs: pick('modelMs'),
        graphMs: pick('graphMs'),
        solveMs: pick('solveMs'),
      });
      shapes[i] = JSON.stringify(shape);
    });
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(
    `analyze on ${family === 'layered' ? 'the layered-defence manifests of' : family === 'synthetic' ? 'the synthetic cluster of' : "the browser bench's"} ${size.toLocaleString('en')}-object input` +
      `${effort ? `, effort ${effort}` : ''}: ${rounds} rounds of ${runs} runs after ${warmUp} ` +
      `warm-ups${interleave ? ', the engines taking turns in one process' : ''}, Node ` +
      `${process.version}, ${new Date().toISOString().slice(0, 16)}Z, load average ${load}`,
  );
  console.log('| code | CPU p50 ms | × this checkout | model ms | graph ms | solve ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  contenders.forEach(({ name }, i) => {
    const m = medians[i]!;
    const col = (k: keyof Sample) => range(m.map((s) => s[k]));
    const ratio = range(
      m.map((s, round) => s.cpuMs / medians[0]![round]!.cpuMs),
      2,
    );
    console.log(
      `| ${name} | ${col('cpuMs')} | ${ratio} | ${col('modelMs')} | ${col('graphMs')} | ${col('solveMs')} |`,
    );
  });
  // The same answer from each (the digest covers the whole result but its timings).
  contenders.forEach(({ name }, i) => console.log(`${name}: ${shapes[i]}`));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
