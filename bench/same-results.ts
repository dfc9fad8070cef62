import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { InputFile } from '../src/engine/types';
import { layeredManifests } from './families';
import { generateCluster } from './synthetic';

// A speed change must not change an answer: this checkout's `analyze` against an older
// commit's, byte for byte, over many inputs. Every result is compared as the JSON the CLI
// writes, timings left out; the graph's size (`stats.facts`, `stats.rules`) is compared apart
// and only reported, since folding or dropping bookkeeping facts changes it and nothing else.
// The solver is also compared on its own, on the generated graphs of bench/families.ts.
//
//   npx tsx bench/same-results.ts [--against REV] [--quick]
//   (default: --against HEAD; --quick leaves out the 10,000-object inputs)
//
// Inputs: every scenario's cluster and each stage's solution laid over it in turn; each
// folder of YAML under test/ as a whole, and each YAML file there alone; the corpora in
// ../shared/corpus (each file alone); the synthetic cluster at 10, 100 and 1,000 objects,
// seeds 1 to 6, and the browser bench's input; the layered-defence manifests at 10 to
// 10,000 objects. Each with the default effort and with the page's quick pass (0.05).

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--against');
const against = at === -1 ? 'HEAD' : args[at + 1]!;
const quick = args.includes('--quick');

interface Case {
  name: string;
  files: InputFile[];
  effort?: number;
}

function yamlIn(dir: string): InputFile[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Every folder under `dir` (itself included) holding YAML files. */
function foldersWithYaml(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = readdirSync(d, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && /\.ya?ml$/.test(e.name))) out.push(d);
    for (const e of entries)
      if (e.isDirectory() && e.name !== 'node_modules') walk(join(d, e.name));
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

function cases(): Case[] {
  const out: Case[] = [];
  const scenarios = join(root, 'scenarios');
  for (const s of readdirSync(scenarios).sort()) {
    const cluster = join(scenarios, s, 'cluster');
    if (!existsSync(cluster)) continue;
    const files = new Map(yamlIn(cluster).map((f) => [f.path, f]));
    out.push({ name: `scenarios/${s}`, files: [...files.values()] });
    const stages = join(scenarios, s, 'stages');
    if (!existsSync(stages)) continue;
    for (const stage of readdirSync(stages).sort()) {
      const solution = join(stages, stage, 'solution');
      if (!existsSync(solution)) continue;
      for (const f of yamlIn(solution)) files.set(f.path, f);
      out.push({ name: `scenarios/${s}/${stage}`, files: [...files.values()] });
    }
  }
  for (const dir of [
    ...foldersWithYaml(join(root, 'test')),
    ...foldersWithYaml(join(root, '../shared/corpus')),
  ]) {
    const files = yamlIn(dir);
    const name = relative(root, dir);
    if (files.length > 1 && !name.startsWith('../')) out.push({ name, files });
    for (const f of files) out.push({ name: `${name}/${f.path}`, files: [f] });
  }
  for (const size of [10, 100, 1000])
    for (let seed = 1; seed <= 6; seed++)
      out.push({ name: `synthetic ${size} seed ${seed}`, files: generateCluster(size, seed) });
  out.push({ name: 'browser bench input', files: browserInput(1000) });
  for (const size of quick ? [10, 100, 1000] : [10, 100, 1000, 10000])
    out.push({ name: `layered manifests ${size}`, files: layeredManifests(size) });
  return out.flatMap((c) => [c, { ...c, name: `${c.name} (effort 0.05)`, effort: 0.05 }]);
}

/** The browser bench's input: the worked example, its rbac.yaml holding the synthetic cluster. */
function browserInput(size: number): InputFile[] {
  const dir = join(root, 'scenarios/01-worked-example/cluster');
  const synthetic = generateCluster(size, 42)
    .filter((f) => !/ThreatModel/.test(f.text))
    .map((f) => f.text)
    .join('\n---\n');
  return yamlIn(dir).map((f) =>
    f.path === 'rbac.yaml' ? { path: f.path, text: `${f.text}\n---\n${synthetic}` } : f,
  );
}

/** Prints, per case, its name, the result without timings, and the graph's size. */
const runner = `
const { readFileSync, writeFileSync } = require('node:fs');
const [bundle, input, out] = process.argv.slice(2);
const engine = require(bundle);
const lines = [];
for (const c of JSON.parse(readFileSync(input, 'utf8'))) {
  const r = engine.analyze(c.files, c.effort === undefined ? {} : { effort: c.effort });
  const { parseMs, modelMs, graphMs, solveMs, facts, rules, ...stats } = r.stats;
  lines.push(JSON.stringify({ name: c.name, result: JSON.stringify({ ...r, stats }), facts, rules }));
}
for (const g of engine.graphs()) {
  const { problem, solution } = engine.solveGoal(g.graph, g.goal, engine.defaultLimits, engine.watchersOf(g.graph));
  const w = solution.best && problem ? engine.witness(g.graph, problem, solution.best) : null;
  lines.push(JSON.stringify({ name: g.family + ' ' + g.objects + ' mut ' + g.mut, result: JSON.stringify({ solution, w }) }));
}
writeFileSync(out, lines.join('\\n'));
`;

const work = join(root, '.bench');
mkdirSync(work, { recursive: true });

function bundleFor(tree: string, name: string): string {
  const entry = join(work, `same-${name}.cts`);
  const src = (p: string) => JSON.stringify(join(tree, p));
  const families = JSON.stringify(join(root, 'bench/families.ts'));
  writeFileSync(
    entry,
    `const engine = require(${src('src/engine/index.ts')});
const solve = require(${src('src/engine/tolerance/solve.ts')});
const closure = require(${src('src/engine/tolerance/closure.ts')});
const witness = require(${src('src/engine/tolerance/witness.ts')});
const families = require(${families});
const sizes = ${JSON.stringify(quick ? [10, 100, 1000] : [10, 100, 1000, 10000])};
module.exports = {
  analyze: engine.analyze,
  solveGoal: solve.solveGoal,
  defaultLimits: solve.defaultLimits,
  watchersOf: closure.watchersOf,
  witness: witness.witness,
  graphs: () => sizes.flatMap((n) => [
    ...[3, 5, 7, 10].map((mut) => families.layered(n, mut)),
    ...[5, 10].map((mut) => families.deepChain(n, mut)),
    ...[3, 7].map((mut) => families.wideOr(n, mut)),
    ...[1, 2].map((seed) => families.randomHorn(n, seed)),
  ]),
};
`,
  );
  const out = join(work, `same-${name}.cjs`);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'warning',
  });
  return out;
}

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

interface Line {
  name: string;
  result: string;
  facts?: number;
  rules?: number;
}

const tmp = mkdtempSync(join(tmpdir(), 'mut-same-'));
try {
  const all = cases();
  const input = join(tmp, 'input.json');
  writeFileSync(input, JSON.stringify(all));
  const script = join(tmp, 'runner.cjs');
  writeFileSync(script, runner);
  const { tree, commit } = treeOf(against);
  const run = (bundle: string, name: string): Line[] => {
    const out = join(tmp, `${name}.jsonl`);
    execFileSync(process.execPath, [script, bundle, input, out], { stdio: 'inherit' });
    return readFileSync(out, 'utf8')
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
  };
  const old = run(bundleFor(tree, commit), 'old');
  const now = run(bundleFor(root, 'here'), 'new');
  let differ = 0;
  let sizeOld = 0;
  let sizeNew = 0;
  old.forEach((o, i) => {
    const n = now[i]!;
    if (o.name !== n.name || o.result !== n.result) {
      differ++;
      if (differ <= 20) {
        console.log(`DIFFERS: ${o.name}`);
        let k = 0;
        while (k < o.result.length && o.result[k] === n.result[k]) k++;
        console.log(`  old …${o.result.slice(Math.max(0, k - 80), k + 160)}`);
        console.log(`  new …${n.result.slice(Math.max(0, k - 80), k + 160)}`);
      }
    }
    sizeOld += (o.facts ?? 0) + (o.rules ?? 0);
    sizeNew += (n.facts ?? 0) + (n.rules ?? 0);
  });
  const big = old.findIndex((o) => o.name === 'browser bench input');
  console.log(
    `${old.length} cases (${all.length} analyses, ${old.length - all.length} solver runs): ` +
      `${differ} differ from ${commit}. Facts + rules over all analyses: ${sizeOld} → ${sizeNew}; ` +
      `browser bench input: ${old[big]?.facts} facts / ${old[big]?.rules} rules → ` +
      `${now[big]?.facts} / ${now[big]?.rules}`,
  );
  if (differ) process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
