import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InputFile } from '../engine/index.ts';
import { InputError, type CliIo } from './io.ts';

// Paths on the command line → the engine's input files. A directory is read recursively
// for manifests; `-` is standard input, one file named `<stdin>`. File paths stay as the user
// wrote them (joined for directory entries), so locations read like the command line.

const manifestExtensions = ['.yaml', '.yml', '.json'];
export const stdinName = '<stdin>';

export function readInputs(paths: readonly string[], io: CliIo): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  const add = (path: string, read: () => string) => {
    const key = path === stdinName ? path : resolve(io.cwd, path);
    if (seen.has(key)) return;
    seen.add(key);
    try {
      files.push({ path, text: read() });
    } catch (e) {
      problems.push(`${path}:1:1: error: cannot read: ${reason(e)}`);
    }
  };

  for (const path of paths) {
    if (path === '-') {
      add(stdinName, io.readStdin);
      continue;
    }
    const absolute = resolve(io.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (e) {
      problems.push(`${path}:1:1: error: cannot read: ${reason(e)}`);
      continue;
    }
    if (!isDirectory) {
      add(path, () => readFileSync(absolute, 'utf8'));
      continue;
    }
    const found = manifestsUnder(absolute);
    if (found.length === 0)
      problems.push(`${path}:1:1: error: no ${manifestExtensions.join(', ')} files in this folder`);
    for (const relative of found)
      add(join(path, relative), () => readFileSync(join(absolute, relative), 'utf8'));
  }
  if (problems.length) throw new InputError(problems);
  return files;
}

/** Manifest files under `dir`, relative to it, sorted so the order (and the result) is stable. */
function manifestsUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  const entries = readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    // Hidden folders (.git, .github) and node_modules hold no cluster manifests.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const relative = prefix ? join(prefix, entry.name) : entry.name;
    if (entry.isDirectory()) out.push(...manifestsUnder(dir, relative));
    else if (manifestExtensions.some((ext) => entry.name.toLowerCase().endsWith(ext)))
      out.push(relative);
  }
  return out;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.message ?? String(e);
}
