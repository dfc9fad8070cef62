import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine';
import { loadScenario } from '../../src/scenarios';
import { scenarioFromCluster } from '../../src/scenarios/fromCluster';
import { readScenarioFolder } from '../../src/scenarios/node';
import { verifyScenario } from '../../src/scenarios/verify';
import { scenarioZip } from '../../src/ui/sandbox/scenarioZip';
import { mut, repo } from '../cli/runMut';

// "Save as a scenario" on the Your cluster page: the zip it downloads is a scenario folder
// that `mut scenario verify` accepts.

const worked = (() => {
  const dir = join(repo, 'scenarios/01-worked-example');
  const { scenario } = loadScenario(dir, readScenarioFolder(dir));
  if (!scenario) throw new Error('the worked example does not load');
  return scenario;
})();
const stage1 = worked.stages[0]!;

const saved = scenarioFromCluster(
  {
    id: 'Our Prod Cluster!',
    title: 'Our prod cluster',
    start: stage1.startFiles,
    solution: stage1.solutionFiles,
    goals: worked.goals,
    attackerStart: worked.start,
  },
  analyze,
);

const tmp = mkdtempSync(join(tmpdir(), 'mut-saved-scenario-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scenarioFromCluster', () => {
  it('measures the start and the edited MUT and finds nothing to object to', () => {
    expect(saved.folder).toBe('90-our-prod-cluster');
    expect([saved.startMut, saved.solutionMut]).toEqual([1, 2]);
    expect(saved.problems).toEqual([]);
    expect(Object.keys(saved.files).sort()).toEqual([
      'cluster/kube-apiserver.yaml',
      'cluster/rbac.yaml',
      'cluster/threat-model.yaml',
      'debrief.md',
      'scenario.yaml',
      'stages/1-raise-the-mut/brief.md',
      'stages/1-raise-the-mut/solution/kube-apiserver.yaml',
    ]);
  });

  it('zips to a folder that unzips, loads and verifies', () => {
    const entries = unzipSync(scenarioZip(saved.folder, saved.files));
    const files: Record<string, string> = {};
    for (const [path, bytes] of Object.entries(entries)) {
      expect(path.startsWith(`${saved.folder}/`)).toBe(true);
      files[path.slice(saved.folder.length + 1)] = strFromU8(bytes);
      const out = join(tmp, path);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, strFromU8(bytes));
    }
    const { scenario, errors } = loadScenario(saved.folder, files);
    expect(errors).toEqual([]);
    expect(verifyScenario(scenario!, analyze, '')).toEqual([]);
    expect(scenario!.stages[0]).toMatchObject({ startMut: 1, target: { atLeast: 2 } });
  });

  it('is accepted by `mut scenario verify`', async () => {
    const run = await mut(['scenario', 'verify', join(tmp, saved.folder)]);
    expect(run.stdout).toContain('OK: 1 scenario, 1 stage');
    expect(run.code).toBe(0);
  }, 120_000);

  it('says why when nothing was edited, or the edits do not raise the MUT', () => {
    const base = {
      id: 'x',
      title: 'x',
      start: stage1.startFiles,
      goals: worked.goals,
      attackerStart: worked.start,
    };
    const none = scenarioFromCluster({ ...base, solution: stage1.startFiles }, analyze);
    expect(none.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('nothing was edited'),
    ]);
    const comment = stage1.startFiles.map((f, i) =>
      i === 0 ? { ...f, text: `# a comment\n${f.text}` } : f,
    );
    const same = scenarioFromCluster({ ...base, solution: comment }, analyze);
    expect(same.problems.map((p) => p.message)).toEqual([
      'the edits do not raise the MUT (1 before, 1 after)',
    ]);
  });
});
