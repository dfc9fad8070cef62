// `--baseline` and `check --max-drop`: an application judged by what it adds to the control
// plane it runs on, and every output naming that control plane.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, mut, stackTrace, type MutRun } from './runMut.ts';

const app = `${fixtures}/app`;
let work: string;
let eksJson: MutRun, hardenedText: MutRun, unknown: MutRun;
let dropFails: MutRun, dropOneOk: MutRun, dropOnKubeadm: MutRun, dropJson: MutRun;
let dropJunit: MutRun, sarif: MutRun, fromThreatModel: MutRun, badDrop: MutRun;
let kustomize: MutRun, chart: MutRun, dropSarif: MutRun;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mut-baseline-'));
  writeFileSync(
    join(work, 'tm.yaml'),
    'apiVersion: mutlab.dev/v1alpha1\nkind: ThreatModel\nmetadata: {name: c}\nspec:\n  baseline: gke\n',
  );
  mkdirSync(join(work, 'overlay'));
  writeFileSync(join(work, 'overlay', 'kustomization.yaml'), 'resources: [../base]\n');
  mkdirSync(join(work, 'chart'));
  writeFileSync(join(work, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
  [
    eksJson,
    hardenedText,
    unknown,
    dropFails,
    dropOneOk,
    dropOnKubeadm,
    dropJson,
    dropJunit,
    sarif,
    fromThreatModel,
    badDrop,
    kustomize,
    chart,
    dropSarif,
  ] = await Promise.all([
    mut(['analyze', '--baseline', 'eks', '--json', app]),
    mut(['analyze', '--baseline', 'hardened', app]),
    mut(['analyze', '--baseline', 'ekss', app]),
    mut(['check', '--baseline', 'hardened', '--max-drop', '0', app]),
    mut(['check', '--baseline', 'hardened', '--max-drop', '1', app]),
    mut(['check', '--max-drop', '0', app]),
    mut(['check', '--baseline', 'hardened', '--max-drop', '0', '--min', '1', '--json', app]),
    mut(['check', '--baseline', 'hardened', '--max-drop', '0', '--format', 'junit', app]),
    mut(['analyze', '--baseline', 'aks', '--format', 'sarif', app]),
    mut(['check', '--min', '0', '--json', app, join(work, 'tm.yaml')]),
    mut(['check', '--max-drop', '-1', app]),
    mut(['analyze', join(work, 'overlay'), app]),
    mut(['analyze', join(work, 'chart'), app]),
    mut(['check', '--baseline', 'hardened', '--max-drop', '0', '--format', 'sarif', app]),
  ]);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('mut analyze --baseline', () => {
  it('names the baseline in the JSON, with what the input adds per goal', () => {
    expect(eksJson.code, eksJson.stderr).toBe(0);
    const doc = JSON.parse(eksJson.stdout) as {
      baseline: { id: string };
      goals: { contribution: { baselineMut: number; opened: unknown[] } }[];
    };
    expect(doc.baseline.id).toBe('eks');
    for (const g of doc.goals) {
      expect(g.contribution.baselineMut).toBe(1);
      expect(g.contribution.opened.length).toBeGreaterThan(0);
    }
  });

  it('names the baseline first in the text, and says what the input adds', () => {
    expect(hardenedText.code, hardenedText.stderr).toBe(0);
    const lines = hardenedText.stdout.split('\n').map((l) => l.trim());
    expect(lines[0]).toBe('Baseline: hardened (a hardened control plane; --baseline to change)');
    expect(lines).toContain(
      'What the input adds: the baseline alone has MUT 3; the input lowers it to 2 (by 1)',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^Your objects open these ways in \(\d+\):$/),
    );
    expect(hardenedText.stderr).toContain('baseline hardened, API endpoint private');
  });

  it('refuses an unknown baseline, naming the valid ones (exit 2)', () => {
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "mut analyze: unknown baseline 'ekss' (did you mean 'eks'?): use kubeadm, eks, gke, aks, hardened",
    );
    expect(unknown.stderr).not.toMatch(stackTrace);
  });

  it("takes the ThreatModel's spec.baseline when no flag is given", () => {
    const doc = JSON.parse(fromThreatModel.stdout) as { baseline: { id: string } };
    expect(doc.baseline.id).toBe('gke');
  });

  it('names the baseline in SARIF', () => {
    const log = JSON.parse(sarif.stdout) as {
      runs: { properties: { baseline: { id: string } } }[];
    };
    expect(log.runs[0]!.properties.baseline.id).toBe('aks');
  });
});

describe('mut check --max-drop', () => {
  it('fails an application that lowers a goal below the baseline, with the ways it opens', () => {
    expect(dropFails.code).toBe(1);
    const lines = dropFails.stdout.split('\n').map((l) => l.trim());
    expect(lines[0]).toBe(
      "FAIL full control of the cluster (cluster-admin): MUT 2, 1 below the baseline's 3 (more than 0)",
    );
    expect(lines[1]).toBe('Your objects open these cheaper ways in:');
    expect(lines).toContain('- An exploitable bug in Deployment shop/web (bug)');
    expect(lines).toContain('2 of 2 goals lowered by more than 0 on baseline hardened');
  });

  it('passes when the drop is within the maximum', () => {
    expect(dropOneOk.code).toBe(0);
    expect(dropOneOk.stdout).toBe(
      "OK: no goal's MUT drops by more than 1 below the baseline's (cluster-admin 2, node-root 2) on baseline hardened\n",
    );
  });

  it('passes on kubeadm, where the defaults are already one mistake from cluster-admin', () => {
    expect(dropOnKubeadm.code).toBe(0);
    expect(dropOnKubeadm.stdout).toContain('on baseline kubeadm');
  });

  it('carries the baseline, the maximum and each drop in the JSON', () => {
    expect(dropJson.code).toBe(1);
    const doc = JSON.parse(dropJson.stdout) as {
      baseline: { id: string };
      maxDrop: number;
      passed: boolean;
      goals: { baselineMut: number; drop: number; passes: boolean; passesDrop: boolean }[];
    };
    expect(doc).toMatchObject({ baseline: { id: 'hardened' }, min: 1, maxDrop: 0, passed: false });
    for (const g of doc.goals)
      expect(g).toMatchObject({ baselineMut: 3, drop: 1, passes: false, passesDrop: false });
  });

  it('names the baseline in JUnit and fails the lowered goals', () => {
    expect(dropJunit.code).toBe(1);
    expect(dropJunit.stdout).toContain('<property name="baseline" value="hardened"/>');
    expect(dropJunit.stdout).toContain('failures="2"');
    expect(dropJunit.stdout).toContain('<failure message="MUT lowered by the input">');
  });

  it('makes the mess-ups of a lowered goal errors in SARIF', () => {
    expect(dropSarif.code).toBe(1);
    const log = JSON.parse(dropSarif.stdout) as {
      runs: { results: { level: string; properties?: { goal?: string } }[] }[];
    };
    const goals = log.runs[0]!.results.filter((r) => r.properties?.goal);
    expect(goals.length).toBeGreaterThan(0);
    for (const r of goals) expect(r.level).toBe('error');
  });

  it('refuses a maximum that is not a whole number', () => {
    expect(badDrop.code).toBe(2);
    expect(badDrop.stderr).not.toMatch(stackTrace);
  });
});

describe('unrendered templates', () => {
  it('a Kustomize overlay: a warning with the command that renders it', () => {
    expect(kustomize.code, kustomize.stderr).toBe(0);
    expect(kustomize.stdout).toContain(
      `kustomization.yaml:1:1: warning: a Kustomization is a template of manifests`,
    );
    expect(kustomize.stdout).toContain(
      `kubectl kustomize ${join(work, 'overlay')} | mut analyze -`,
    );
  });

  it('a Helm chart: stops (its files are no manifests), with the command that renders it', () => {
    expect(chart.code).toBe(2);
    expect(chart.stderr).toContain(`helm template RELEASE ${join(work, 'chart')} | mut analyze -`);
  });
});
