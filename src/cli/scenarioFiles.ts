import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFile } from './readFileBounded.ts';
import { shown } from './terminalText.ts';

// The files of one scenario folder, for `mut scenario verify` and `export`. Like readInputs,
// without recursion, each file checked before it is read, and links to folders followed
// once: a link loop is skipped with a note instead of running until the stack overflows.

export interface ScenarioFiles {
  /** Keyed by path relative to the folder, with `/`. */
  files: Record<string, string>;
  /** `path: reason` of what could not be read. */
  problems: string[];
  notes: string[];
}

export function readScenarioFiles(dir: string): ScenarioFiles {
  const result: ScenarioFiles = { files: {}, problems: [], notes: [] };
  const root = statSync(dir);
  const visited = new Set([`${root.dev}:${root.ino}`]);
  const stack: string[] = [];
  const pushEntries = (relative: string) => {
    const names = readdirSync(join(dir, relative))
      .filter((name) => !name.startsWith('.'))
      .sort()
      .reverse();
    for (const name of names) stack.push(relative ? `${relative}/${name}` : name);
  };
  pushEntries('');
  for (let relative = stack.pop(); relative !== undefined; relative = stack.pop()) {
    const full = join(dir, relative);
    try {
      const stats = statSync(full);
      if (stats.isDirectory()) {
        const id = `${stats.dev}:${stats.ino}`;
        if (visited.has(id)) {
          result.notes.push(
            `${shown(relative)}: note: skipped: a link to a folder already read (a loop)`,
          );
          continue;
        }
        visited.add(id);
        pushEntries(relative);
        continue;
      }
      result.files[relative] = readRegularFile(full);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const reason =
        err.code === 'ENOENT'
          ? 'a link to nothing'
          : err.code === 'ELOOP'
            ? 'too many levels of symbolic links (a link loop)'
            : shown(err.message);
      result.problems.push(`${shown(relative)}: cannot read: ${reason}`);
    }
  }
  return result;
}
