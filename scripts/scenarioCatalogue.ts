/**
 * The scenario library, loaded and validated once when the page is built (and again in
 * `vite dev` when a scenario file changes), as the module `virtual:scenario-catalogue`. The
 * engine worker used to load it at start: parsing every stage's manifests and validating
 * every scenario.yaml cost more than anything else before the first MUT of a cold load
 * (seconds on a loaded machine). The worker now only reads the result. The CLI and the tests
 * still load scenarios from their texts (src/scenarios/node.ts): same loader, same answer.
 */
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { groupByFolder, loadScenarios } from '../src/scenarios/index.ts';
import { listScenarioFolders, readScenarioFolder } from '../src/scenarios/node.ts';

export const catalogueModule = 'virtual:scenario-catalogue';
const resolved = `\0${catalogueModule}`;

/** The library under `root` as the worker's `catalogue` answer, and the files it read. */
export function buildCatalogue(root = 'scenarios') {
  const texts: Record<string, string> = {};
  for (const folder of listScenarioFolders(root))
    for (const [path, text] of Object.entries(readScenarioFolder(folder)))
      texts[`/${folder}/${path}`] = text;
  return {
    catalogue: loadScenarios(groupByFolder(texts, root)),
    files: Object.keys(texts).map((key) => join(process.cwd(), key.slice(1))),
  };
}

/** The module's source: JSON.parse of a string, which V8 reads faster than a literal. */
export function catalogueSource(root = 'scenarios'): { code: string; files: string[] } {
  const { catalogue, files } = buildCatalogue(root);
  return {
    code: `export default JSON.parse(${JSON.stringify(JSON.stringify(catalogue))});\n`,
    files,
  };
}

export function scenarioCataloguePlugin(root = 'scenarios'): Plugin {
  return {
    name: 'mutlab-scenario-catalogue',
    resolveId: (id) => (id === catalogueModule ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      const { code, files } = catalogueSource(root);
      // A changed scenario file reloads the module in `vite dev`.
      for (const file of files) this.addWatchFile(file);
      return code;
    },
  };
}
