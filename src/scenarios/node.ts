// Node-only helpers for the CLI and the tests: read scenario folders from disk. Kept apart
// from index.ts so the browser bundle never imports node:fs.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { folderPattern } from './index.ts';

/** Every file of a scenario folder, keyed by its path relative to the folder (with `/`). */
export function readScenarioFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path).sort()) {
      if (entry.startsWith('.')) continue;
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** The scenario folders under `root` (`<NN>-<id>`), in library order, as paths. */
export function listScenarioFolders(root = 'scenarios'): string[] {
  return readdirSync(root)
    .filter((name) => folderPattern.test(name) && statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => join(root, name).split(sep).join('/'));
}
