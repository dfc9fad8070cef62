// `mut scenario verify` and `mut scenario export` over small scenario folders of their own.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, mut, repo, type MutRun } from './runMut.ts';

const good = `${fixtures}/scenarios/01-worked-example`;
const bad = `${fixtures}/bad-scenarios/01-wrong-mut`;
const out = mkdtempSync(join(tmpdir(), 'mut-export-'));
const exported = join(out, 'stage2');

let byDefault: MutRun, both: MutRun, exportRun: MutRun, unknown: MutRun, noStage: MutRun;
let analysed: MutRun;

beforeAll(async () => {
  [byDefault, both, exportRun, unknown, noStage] = await Promise.all([
    // Run from the fixtures folder: the default library is ./scenarios there.
    mut(['scenario', 'verify'], { cwd: join(repo, fixtures) }),
    mut(['scenario', 'verify', bad, good]),
    mut([
      'scenario',
      'export',
      'worked-example',
      '--stage',
      '2',
      '--solution',
      exported,
      '--root',
      `${fixtures}/scenarios`,
    ]),
    mut([
      'scenario',
      'export',
      'nope',
      '--stage',
      '1',
      join(out, 'x'),
      '--root',
      `${fixtures}/scenarios`,
    ]),
    mut([
      'scenario',
      'export',
      'worked-example',
      join(out, 'y'),
      '--root',
      `${fixtures}/scenarios`,
    ]),
  ]);
  analysed = await mut(['check', '--min', '3', exported]);
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('mut scenario verify', () => {
  it('prints each stage with its recomputed numbers (default: every folder under scenarios/)', () => {
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(byDefault.stdout.split('\n')).toEqual([
      "scenario 'worked-example' (scenarios/01-worked-example)",
      "  stage 1 'Turn off anonymous auth': start MUT 1 (declared 1) ✓, solution MUT 2 ≥ 2 ✓",
      "  stage 2 'Make the endpoint private': start MUT 2 (declared 2) ✓, solution MUT 3 ≥ 3 ✓",
      'OK: 1 scenario, 2 stages',
      '',
    ]);
  });

  it('exits 1 on a declared MUT the engine does not compute, naming the file', () => {
    expect(both.code).toBe(1);
    expect(both.stdout).toContain(
      "  stage 2 'Make the endpoint private': start MUT 2 (declared 1) ✗, solution MUT 3 ≥ 3 ✓",
    );
    expect(both.stdout).toContain(
      `  ✗ ${bad}/scenario.yaml: declared 1, the engine computes 2 (at /stages/1/startMut)`,
    );
    expect(both.stdout).toContain(`scenario 'worked-example' (${good})`);
    expect(both.stdout).toMatch(/FAIL: 1 of 2 scenarios with problems\n$/);
  });
});

describe('mut scenario export', () => {
  it("writes the stage's solution manifests, ready for mut analyze", () => {
    expect(exportRun.code, exportRun.stderr).toBe(0);
    expect(exportRun.stdout).toContain("wrote 3 files of stage 2 'Make the endpoint private'");
    expect(readdirSync(exported).sort()).toEqual([
      'kube-apiserver.yaml',
      'team-a.yaml',
      'threat-model.yaml',
    ]);
    expect(analysed.stdout).toBe(
      'OK: every goal has MUT >= 3 (cluster-admin 3) on baseline kubeadm\n',
    );
  });

  it('rejects an unknown scenario or a missing --stage (exit 2)', () => {
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("mut scenario: unknown scenario 'nope'");
    expect(noStage.code).toBe(2);
    expect(noStage.stderr).toContain('export needs --stage N');
  });
});
