import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Runs the real CLI in a child process, as a user or a CI job would.

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const fixtures = 'test/cli/fixtures';
/** By URL, so that the CLI can run in any folder (`--import tsx` resolves from the cwd). */
export const tsxLoader = pathToFileURL(join(repo, 'node_modules/tsx/dist/esm/index.mjs')).href;

export interface MutRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function mut(
  args: string[],
  options: { input?: string; env?: Record<string, string>; bin?: boolean; cwd?: string } = {},
): Promise<MutRun> {
  const entry = options.bin
    ? [join(repo, 'bin/mut.js')]
    : ['--import', tsxLoader, join(repo, 'src/cli/main.ts')];
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...entry, ...args],
      {
        cwd: options.cwd ?? repo,
        timeout: 90_000,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        if (typeof code !== 'number') reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** No JavaScript stack frame leaked to the user. */
export const stackTrace = /^\s+at .+[:(]\d+/m;
