// `mut check --min N`: the CI gate.

import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, mut, stackTrace, type MutRun } from './runMut.ts';

let stage1: MutRun, stage2: MutRun, stage0: MutRun, stage3bin: MutRun, noMin: MutRun;
let noGoals: MutRun;

beforeAll(async () => {
  [stage1, stage2, stage0, stage3bin, noMin, noGoals] = await Promise.all([
    mut(['check', '--min', '2', `${fixtures}/stage1`]),
    mut(['check', '--min', '2', `${fixtures}/stage2`]),
    mut(['check', '--min', '1', `${fixtures}/stage0`]),
    mut(['check', '--min', '3', `${fixtures}/stage3`, '--goal', 'cluster-admin'], { bin: true }),
    mut(['check', `${fixtures}/stage1`]),
    mut(['check', '--min', '1', `${fixtures}/no-goals`]),
  ]);
}, 180_000);

describe('mut check', () => {
  it('fails stage 1 at --min 2 and lists the mess-ups that would suffice', () => {
    expect(stage1.code).toBe(1);
    const lines = stage1.stdout.split('\n').map((l) => l.trim());
    expect(lines[0]).toBe('FAIL full control of the cluster (cluster-admin): MUT 1 < 2');
    expect(lines).toContain(
      'cost 1: Someone binds cluster-admin to user system:anonymous (misconfiguration)',
    );
    expect(lines).toContain(
      'cost 1: Someone binds cluster-admin to group system:unauthenticated (misconfiguration)',
    );
    // Sets that cost the minimum or more would not break the gate: not listed.
    expect(stage1.stdout).not.toContain('alice-kubeconfig');
    expect(lines).toContain('1 of 1 goal below MUT 2 on baseline kubeadm');
  });

  it('passes stage 2 at --min 2 with a one-line OK', () => {
    expect(stage2.code).toBe(0);
    expect(stage2.stdout).toBe(
      'OK: every goal has MUT >= 2 (cluster-admin 2) on baseline kubeadm\n',
    );
  });

  it('says when the goal is reachable today', () => {
    expect(stage0.code).toBe(1);
    expect(stage0.stdout).toContain('MUT 0 < 1');
    expect(stage0.stdout).toContain('Reachable today: nothing more has to go wrong.');
  });

  it('works through the mut binary', () => {
    expect(stage3bin.code, stage3bin.stderr).toBe(0);
    expect(stage3bin.stdout).toBe(
      'OK: every goal has MUT >= 3 (cluster-admin 3) on baseline kubeadm\n',
    );
  });

  it('requires --min or --max-drop (usage error, exit 2)', () => {
    expect(noMin.code).toBe(2);
    expect(noMin.stderr).toContain('mut check: --min N or --max-drop N is required');
    expect(noMin.stderr).toContain('Usage: mut check');
    expect(noMin.stderr).not.toMatch(stackTrace);
  });

  it('does not pass a gate over no goal at all (every ThreatModel goal invalid)', () => {
    // The engine reports the ThreatModel as an input error, so the gate stops at exit 2.
    expect(noGoals.code).toBe(2);
    expect(noGoals.stdout).toBe('');
    expect(noGoals.stderr).toMatch(
      /threat-model\.yaml:7:3: error: the ThreatModel names no valid goal/,
    );
  });
});
