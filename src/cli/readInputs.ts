import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InputFile } from '../engine/index.ts';
import { InputError, type CliIo } from './io.ts';
import { inputLimits, megabytes } from './limits.ts';
import { readRegularFile } from './readFileBounded.ts';
import { shown } from './terminalText.ts';

// Paths on the command line → the engine's input files. A directory is read recursively
// for manifests; `-` is standard input, one file named `<stdin>`. File paths stay as the user
// wrote them (joined for directory entries), so locations read like the command line.
//
// Every file is checked before it is read (a regular file, within the size limit), folders
// are walked without recursion (no depth or count overflows the stack) and links to folders
// are followed once: a link back to a folder already read is skipped with a note.

const manifestExtensions = ['.yaml', '.yml', '.json'];
export const stdinName = '<stdin>';

export function readInputs(paths: readonly string[], io: CliIo): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  let totalBytes = 0;
  let overTotal = false;
  const add = (path: string, read: () => string) => {
    const key = path === stdinName ? path : resolve(io.cwd, path);
    if (seen.has(key) || overTotal) return;
    seen.add(key);
    try {
      const text = read();
      totalBytes += text.length;
      if (totalBytes > inputLimits.maxTotalBytes) {
        overTotal = true;
        problems.push(
          `${shown(path)}:1:1: error: the inputs reach more than ${megabytes(inputLimits.maxTotalBytes)} together; mut reads up to ${megabytes(inputLimits.maxTotalBytes)} per run (its total size limit): analyse fewer files at a time`,
        );
        return;
      }
      files.push({ path, text });
    } catch (e) {
      problems.push(`${shown(path)}:1:1: error: cannot read: ${reason(e)}`);
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
      problems.push(`${shown(path)}:1:1: error: cannot read: ${reason(e)}`);
      continue;
    }
    if (!isDirectory) {
      add(path, () => readRegularFile(absolute));
      continue;
    }
    const walk = manifestsUnder(absolute);
    for (const { path: skipped, note } of walk.notes)
      io.stderr(`${shown(join(path, skipped))}: note: ${note}\n`);
    if (walk.tooMany) {
      problems.push(
        `${shown(path)}:1:1: error: more than ${inputLimits.maxFiles.toLocaleString('en')} manifest files in this folder; mut reads up to ${inputLimits.maxFiles.toLocaleString('en')} files per run (its file count limit): concatenate them (\`find ${shown(path)} -name '*.yaml' -exec cat {} + | mut analyze -\`, with \`---\` between documents) or analyse sub-folders`,
      );
      continue;
    }
    for (const problem of walk.problems)
      problems.push(
        `${shown(join(path, problem.path))}:1:1: error: cannot read: ${problem.reason}`,
      );
    if (walk.files.length === 0 && walk.problems.length === 0)
      problems.push(
        `${shown(path)}:1:1: error: no ${manifestExtensions.join(', ')} files in this folder`,
      );
    for (const relative of walk.files)
      add(join(path, relative), () => readRegularFile(join(absolute, relative)));
  }
  if (problems.length) throw new InputError(capped(problems));
  return files;
}

interface Walk {
  /** Manifest files, relative to the folder, in name order depth first (a stable result). */
  files: string[];
  problems: { path: string; reason: string }[];
  /** What was skipped, and why. */
  notes: { path: string; note: string }[];
  tooMany: boolean;
}

function manifestsUnder(root: string): Walk {
  const walk: Walk = { files: [], problems: [], notes: [], tooMany: false };
  const visited = new Set<string>([identity(root)]);
  // Entries still to visit, last first: a folder's entries are pushed in reverse name order,
  // so they come off the stack in name order, each folder's content before the next name.
  const stack: string[] = [];
  const pushEntries = (relative: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, relative), { withFileTypes: true });
    } catch (e) {
      walk.problems.push({ path: relative, reason: reason(e) });
      return;
    }
    const names = entries
      // Hidden folders (.git, .github) and node_modules hold no cluster manifests.
      .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .map((entry) => entry.name)
      .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    for (const name of names) stack.push(relative ? join(relative, name) : name);
  };
  pushEntries('');
  for (let relative = stack.pop(); relative !== undefined; relative = stack.pop()) {
    const full = join(root, relative);
    let stats;
    try {
      stats = statSync(full);
    } catch (e) {
      // A dangling link is not a manifest anyone meant to give.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        walk.notes.push({ path: relative, note: 'skipped: a link to nothing' });
        continue;
      }
      walk.problems.push({ path: relative, reason: reason(e) });
      continue;
    }
    if (stats.isDirectory()) {
      const id = `${stats.dev}:${stats.ino}`;
      if (visited.has(id)) {
        walk.notes.push({
          path: relative,
          note: 'skipped: a link to a folder already read (a loop)',
        });
        continue;
      }
      visited.add(id);
      pushEntries(relative);
      continue;
    }
    if (!manifestExtensions.some((ext) => relative.toLowerCase().endsWith(ext))) continue;
    if (walk.files.length >= inputLimits.maxFiles) {
      walk.tooMany = true;
      return walk;
    }
    // Devices, FIFOs and sockets named like manifests are reported when read.
    walk.files.push(relative);
  }
  return walk;
}

/** A folder of 150,000 unreadable files is not 150,000 lines of log. */
function capped(lines: readonly string[]): string[] {
  const max = inputLimits.maxProblemsShown;
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${lines.length - max} more problems`];
}

function identity(path: string): string {
  const stats = statSync(path);
  return `${stats.dev}:${stats.ino}`;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  if (err.code === 'ELOOP') return 'too many levels of symbolic links (a link loop)';
  return shown(err.message ?? String(e));
}
