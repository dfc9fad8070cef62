import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dump, loadAll } from 'js-yaml';
import { generateCluster } from '../synthetic';

// A real cluster dump through the installed CLI, end to end: `kubectl get -A -o yaml` prints
// one `kind: List` whose items carry the server's metadata (uid, resourceVersion,
// managedFields, status). The floor is js-yaml's `loadAll` of the same text in a process of
// its own. Both are measured by /usr/bin/time: CPU (user + system) and peak RSS.
// Goals (issue #20): at 90,000 objects, CPU and peak RSS within 3× of the floor.
//
//   npm run build:cli && npx tsx bench/cli/dump.ts [sizes...]   (default 10000 50000 100000)

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = join(root, 'dist/cli/mut.js');
if (!existsSync(bundle)) throw new Error('no dist/cli/mut.js: run `npm run build:cli` first');
const sizes = process.argv.slice(2).map(Number);
if (!sizes.length) sizes.push(10_000, 50_000, 100_000);

/** The synthetic cluster as kubectl would print it. */
function kubectlDump(objects: number): string {
  const items: unknown[] = [];
  for (const file of generateCluster(objects))
    for (const doc of loadAll(file.text)) {
      if (!doc || typeof doc !== 'object') continue;
      const o = doc as { metadata?: Record<string, unknown>; kind?: string };
      const i = items.length;
      o.metadata = {
        ...o.metadata,
        uid: `0b9a${i.toString(16).padStart(8, '0')}-1c2d-4e5f-8a9b-${(i * 7919).toString(16).padStart(12, '0')}`,
        resourceVersion: String(100_000 + i),
        creationTimestamp: '2026-11-01T10:00:00Z',
        managedFields: [
          {
            apiVersion: 'v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:metadata': { 'f:labels': { '.': {} } } },
            manager: 'kubectl-client-side-apply',
            operation: 'Update',
            time: '2026-11-01T10:00:00Z',
          },
        ],
      };
      items.push({ ...o, status: {} });
    }
  return dump({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } });
}

interface Usage {
  wallS: number;
  cpuS: number;
  rssMB: number;
}

function measure(args: string[]): Usage {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = run.stderr.trim().split('\n').at(-1) ?? '';
  const [wall, user, sys, rssKB] = last.split(' ').map(Number);
  if (run.status !== 0 || rssKB === undefined || Number.isNaN(rssKB))
    throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return { wallS: wall!, cpuS: user! + sys!, rssMB: rssKB / 1024 };
}

const dir = mkdtempSync(join(tmpdir(), 'mut-dump-'));
const floorScript = join(dir, 'floor.mjs');
writeFileSync(
  floorScript,
  `import { readFileSync } from 'node:fs';\nimport { loadAll } from ${JSON.stringify(join(root, 'node_modules/js-yaml/dist/js-yaml.mjs'))};\nloadAll(readFileSync(process.argv[2], 'utf8'));\n`,
);
console.log(`CLI on a kubectl dump (kind: List), /usr/bin/time, Node ${process.version}`);
console.log(
  '| objects | MB | mut CPU s | floor CPU s | × | mut RSS MB | floor RSS MB | × | mut wall s |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
try {
  for (const size of sizes) {
    const path = join(dir, `dump-${size}.yaml`);
    const text = kubectlDump(size);
    writeFileSync(path, text);
    const floor = measure([floorScript, path]);
    const mut = measure([bundle, 'analyze', path, '--json']);
    console.log(
      `| ${size.toLocaleString('en')} | ${(text.length / 1024 / 1024).toFixed(1)} | ${mut.cpuS.toFixed(2)} | ${floor.cpuS.toFixed(2)} | ${(mut.cpuS / floor.cpuS).toFixed(1)} | ${mut.rssMB.toFixed(0)} | ${floor.rssMB.toFixed(0)} | ${(mut.rssMB / floor.rssMB).toFixed(1)} | ${mut.wallS.toFixed(1)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
