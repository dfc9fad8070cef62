// Bundles the `mut` CLI (src/cli/main.ts) with esbuild into dist/cli/: plain JavaScript for
// Node 20 with every dependency inside, so the installed package needs no tsx, no TypeScript
// and no node_modules. Commands stay separate chunks, loaded on demand, so `mut --help`
// parses a few kilobytes, not the engine. Plain .mjs: it runs with node alone (`npm pack`
// calls it through `prepack`, before anything else is built).
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `node scripts/build-cli.mjs [outdir]`: another folder for a test that runs the built CLI
// while `npm pack` may be rebuilding dist/cli (the folder must sit two below a package.json).
const outdir = process.argv[2] ?? `${root}dist/cli`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { mut: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Chunks sit beside mut.js: src/cli/ and dist/cli/ are both two folders below the package
  // root, so `new URL('../../package.json', import.meta.url)` finds the same file from both.
  chunkNames: '[name]-[hash]',
  legalComments: 'linked',
  banner: {
    // CommonJS dependencies (ajv) call require() for Node's own modules.
    js: "#!/usr/bin/env node\nimport { createRequire as __mutRequire } from 'node:module';\nconst require = __mutRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync(`${outdir}/mut.js`, 0o755);
