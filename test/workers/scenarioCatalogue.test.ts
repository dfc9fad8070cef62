import { describe, expect, it } from 'vitest';
import library from 'virtual:scenario-catalogue';
import { loadScenarios } from '../../src/scenarios';
import { listScenarioFolders, readScenarioFolder } from '../../src/scenarios/node';

// The worker answers `catalogue` with the library loaded when the page was built
// (scripts/scenarioCatalogue.ts): it must be what loading the folders at run time gives.
describe('the build-time scenario catalogue', () => {
  it('is the library the loader reads from the scenario folders', () => {
    const folders: Record<string, Record<string, string>> = {};
    for (const dir of listScenarioFolders('scenarios'))
      folders[dir.split('/').pop()!] = readScenarioFolder(dir);
    const loaded = loadScenarios(folders);
    expect(library.scenarios.map((s) => s.id)).toEqual(loaded.scenarios.map((s) => s.id));
    expect(library).toEqual(loaded);
    // Plain data, so nothing is lost on the way through JSON (no Map, no Date, no class).
    expect(JSON.parse(JSON.stringify(loaded))).toEqual(loaded);
    expect(library.scenarios.length).toBeGreaterThan(10);
    expect(library.errors).toEqual([]);
  });
});
