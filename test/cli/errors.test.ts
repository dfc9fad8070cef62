// Bad input and bad command lines: one line per problem, exit 2, never a stack trace.

import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, mut, stackTrace, type MutRun } from './runMut.ts';

const runs: Record<string, MutRun> = {};
const cases: Record<string, string[]> = {
  broken: ['analyze', `${fixtures}/broken`],
  brokenCheck: ['check', '--min', '1', `${fixtures}/broken/bad.yaml`],
  brokenPss: ['pss', '--level', 'baseline', `${fixtures}/broken`, '--json'],
  missing: ['analyze', `${fixtures}/stage1`, `${fixtures}/no-such-file.yaml`],
  noPaths: ['analyze'],
  badGoal: ['analyze', `${fixtures}/stage1`, '--goal', 'everything'],
  badFrom: ['check', '--min', '1', `${fixtures}/stage1`, '--from', 'mars'],
  unknownCommand: ['frobnicate'],
  unknownFlag: ['analyze', `${fixtures}/stage1`, '--colour'],
  help: ['--help'],
  commandHelp: ['pss', '--help'],
  version: ['--version'],
};

beforeAll(async () => {
  const names = Object.keys(cases);
  const results = await Promise.all(names.map((n) => mut(cases[n]!)));
  names.forEach((n, i) => (runs[n] = results[i]!));
}, 180_000);

describe('input errors', () => {
  it('reports broken YAML as file:line:column: and exits 2 (analyze, check, pss)', () => {
    for (const name of ['broken', 'brokenCheck', 'brokenPss']) {
      const run = runs[name]!;
      expect(run.code, name).toBe(2);
      expect(run.stdout, name).toBe('');
      expect(run.stderr, name).toMatch(
        new RegExp(`^${fixtures}/broken/bad\\.yaml:7:3: error: .+$`, 'm'),
      );
      expect(run.stderr, name).not.toMatch(stackTrace);
    }
  });

  it('reports a missing path and exits 2', () => {
    const run = runs.missing!;
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `${fixtures}/no-such-file.yaml:1:1: error: cannot read: no such file or directory\n`,
    );
  });

  it('rejects an unknown goal or attacker position', () => {
    expect(runs.badGoal!.code).toBe(2);
    expect(runs.badGoal!.stderr).toContain("mut analyze: unknown goal 'everything'");
    expect(runs.badFrom!.code).toBe(2);
    expect(runs.badFrom!.stderr).toContain("mut check: unknown attacker position 'mars'");
  });
});

describe('usage', () => {
  it('exits 2 with the usage on an unknown command or flag, or no paths', () => {
    for (const name of ['unknownCommand', 'unknownFlag', 'noPaths']) {
      const run = runs[name]!;
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toContain('Usage: mut');
      expect(run.stderr, name).not.toMatch(stackTrace);
    }
    expect(runs.unknownCommand!.stderr).toMatch(/^mut: unknown command 'frobnicate'\n/);
    expect(runs.unknownFlag!.stderr).toMatch(/^mut analyze: Unknown option '--colour'\n/);
  });

  it('prints help and the version on stdout, exit 0', () => {
    expect(runs.help!.code).toBe(0);
    expect(runs.help!.stdout).toMatch(/^Usage: mut <command>/);
    for (const command of ['analyze', 'check', 'pss', 'techniques', 'scenario'])
      expect(runs.help!.stdout).toContain(`  ${command} `);
    expect(runs.commandHelp!.code).toBe(0);
    expect(runs.commandHelp!.stdout).toMatch(/^Usage: mut pss /);
    expect(runs.version!.code).toBe(0);
    expect(runs.version!.stdout).toMatch(/^mut \d+\.\d+\.\d+\n$/);
  });
});
