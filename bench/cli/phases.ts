import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { contribution, runToEnd, solveGrounded, type Grounded } from '../../src/engine/index';
import { buildGraph } from '../../src/engine/graph/buildGraph';
import { findings as findingsOf } from '../../src/engine/findings';
import { readObjects } from '../../src/engine/manifests/objects';
import { limits as parseLimits, parseFiles } from '../../src/engine/manifests/parseFiles';
import { buildModel } from '../../src/engine/model/buildModel';
import { analysisJsonText } from '../../src/engine/report/analysisJson';
import { setTemplatesAside } from '../../src/engine/templates';
import { watchersOf } from '../../src/engine/tolerance/closure';

// Where `mut analyze --json` of one file spends its processor time, phase by phase (user +
// system, so other work on the machine slows but does not add to it), with the graph's size
// and the MUTs: the phases as `ground`, `solveGrounded`, `contribution` and the JSON writer
// run them. Bundled first, as the CLI is (through tsx every closure is renamed at creation).
//
//   npx tsx bench/cli/kubectlDump.ts 90000 > dump.yaml && npx tsx bench/cli/phases.ts dump.yaml

const path = process.argv[2];
if (!path) throw new Error('usage: npx tsx bench/cli/phases.ts <file.yaml>');

if (!process.env.MUT_PHASES_BUNDLED) {
  const self = fileURLToPath(import.meta.url);
  const dir = join(self, '../../../.bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'phases.mjs');
  buildSync({
    entryPoints: [self],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
    // CommonJS dependencies call require() for Node's own modules, as in the CLI's bundle.
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
  });
  const run = spawnSync(process.execPath, [out, path], {
    stdio: 'inherit',
    env: { ...process.env, MUT_PHASES_BUNDLED: '1' },
  });
  process.exit(run.status ?? 1);
}

// The CLI raises the engine's file limit to its own (src/cli/loadEngine.ts).
parseLimits.maxFileBytes = 256 * 1024 * 1024;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const files = [{ path, text: readFileSync(path, 'utf8') }];
const ms: Record<string, number> = {};
let last = cpu();
const lap = (phase: string) => {
  const t = cpu();
  ms[phase] = Math.round(t - last);
  last = t;
};

const templates = setTemplatesAside(files);
const read = readObjects(parseFiles(templates.files).documents);
lap('parse');
const { model, diagnostics } = buildModel(read.objects, {});
lap('model');
const goals = model.threat.goals.map((g) => g.id);
const graph = buildGraph(model, goals, model.threat.start);
const watchers = watchersOf(graph);
lap('graph');
const grounded: Grounded = {
  model,
  graph,
  watchers,
  goals,
  diagnostics,
  objects: read.objects.length,
  ms: { parse: 0, model: 0, graph: 0 },
  findings: findingsOf(graph, model),
};
lap('findings');
const result = runToEnd(solveGrounded(grounded, {}));
lap('solve');
const added = contribution(files, {}, result);
lap('contribution');
analysisJsonText(result, [], added);
lap('json');
const total = Object.values(ms).reduce((a, b) => a + b, 0);
const rss = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(
  `${read.objects.length} objects, ${graph.facts.length} facts, ${graph.rules.count} rules, MUT ${result.goals.map((g) => `${g.goal}=${g.mut}`).join(' ')}`,
);
console.log(
  `CPU ms: ${Object.entries(ms)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; total ${total}; peak RSS ${rss} MB`,
);
