import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

// `npm run bench:solver` (bench/solverMain.ts), measured as the engine ships: bundled by
// esbuild, as bench/run.ts measures the engine and Vite bundles the page's worker. Through tsx,
// every named closure is wrapped to keep its name (esbuild's keepNames), which costs the
// solver's small instances a tenth or more; the figures before session 15 were taken that way.

const dir = mkdtempSync(join(tmpdir(), 'mut-bench-solver-'));
const bundle = join(dir, 'solver.cjs');
try {
  buildSync({
    entryPoints: [fileURLToPath(new URL('./solverMain.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
  });
  execFileSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: 'inherit' });
} catch (error) {
  // The bench prints its own table and failures; a failed instance exits non-zero.
  process.exitCode = (error as { status?: number }).status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
