// The `mut` command: `npm run mut -- <command>` or the `mut` binary (bin/mut.js).
// This file wires the process; the commands live in commands/ and never touch `process`.

import module from 'node:module';
import { run } from './dispatch.ts';
import { readStdinBounded } from './readFileBounded.ts';
import { exitCodes } from './io.ts';
import { useColor } from './style.ts';

// Node 22.1 and later keep the compiled code of the engine's chunks between runs: a faster
// start for every command after the first. Older versions have no such cache.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `mut techniques | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') process.stderr.write(`mut: cannot write the output: ${e.message}\n`);
  process.exit(e.code === 'EPIPE' ? (process.exitCode ?? 0) : exitCodes.internal);
});

/** `npm run mut` runs in the package root; paths are meant from where the user typed it. */
function invokedFrom(): string {
  const { npm_lifecycle_event: script, INIT_CWD: initCwd } = process.env;
  return script === 'mut' && initCwd ? initCwd : process.cwd();
}

try {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readStdinBounded(0),
    progress: Boolean(process.stderr.isTTY),
    color: useColor(process.stdout.isTTY, process.env),
    cwd: invokedFrom(),
  });
} catch (e) {
  // A bug in mut, not in the input: one line, the stack only on request.
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`mut: internal error: ${message}\n`);
  if (process.env.MUT_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  process.exitCode = exitCodes.internal;
}
