// `mut pss`: Pod Security admission verdicts, offline.

import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, mut, type MutRun } from './runMut.ts';

interface Report {
  level: string;
  pods: {
    object: string;
    allowed: boolean;
    violations: { check: string; location: { file: string; line: number } }[];
  }[];
}

let baseline: MutRun, restrictedJson: MutRun, strictPass: MutRun, noLevel: MutRun;

beforeAll(async () => {
  [baseline, restrictedJson, strictPass, noLevel] = await Promise.all([
    mut(['pss', `${fixtures}/pss`, '--level', 'baseline', '--strict']),
    mut(['pss', `${fixtures}/pss`, '--level', 'restricted', '--json']),
    mut(['pss', `${fixtures}/pss/restricted.yaml`, '--level', 'restricted', '--strict']),
    mut(['pss', `${fixtures}/pss`]),
  ]);
}, 180_000);

describe('mut pss', () => {
  it('denies the privileged pod at baseline, naming the check and its line', () => {
    const lines = baseline.stdout.split('\n').map((l) => l.trim());
    expect(lines).toContain(`denied  Pod default/debug (${fixtures}/pss/privileged.yaml:1)`);
    expect(lines.find((l) => l.startsWith('- privileged '))).toMatch(
      new RegExp(`^- privileged \\(${fixtures}/pss/privileged\\.yaml:11\\): `),
    );
    expect(lines).toContain(`allowed Deployment default/web (${fixtures}/pss/restricted.yaml:1)`);
    expect(lines).toContain('2 pods: 1 allowed, 1 denied');
  });

  it('allows the restricted-compliant pod at restricted (JSON); a report exits 0', () => {
    expect(restrictedJson.code).toBe(0);
    const report = JSON.parse(restrictedJson.stdout) as Report;
    expect(report.level).toBe('restricted');
    const byObject = Object.fromEntries(report.pods.map((p) => [p.object, p]));
    expect(byObject['Deployment default/web']).toMatchObject({ allowed: true, violations: [] });
    const debug = byObject['Pod default/debug']!;
    expect(debug.allowed).toBe(false);
    expect(debug.violations.map((v) => v.check)).toEqual(
      expect.arrayContaining(['privileged', 'runAsNonRoot', 'capabilities_restricted']),
    );
  });

  it('exits 1 on a denial only with --strict', () => {
    expect(baseline.code).toBe(1);
    expect(strictPass.code).toBe(0);
    expect(strictPass.stdout).toContain('1 pod: 1 allowed, 0 denied');
  });

  it('requires --level', () => {
    expect(noLevel.code).toBe(2);
    expect(noLevel.stderr).toContain('--level is required');
  });
});
