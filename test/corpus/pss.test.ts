// Conformance of the PSS evaluator against the upstream Pod Security admission fixtures
// (kubernetes/pod-security-admission test/testdata, policy version v1.37), kept beside the repo
// in ../shared/corpus/pod-security-admission (see MANIFEST.md there).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluatePodSecurity, type PssLevel } from '../../src/engine/pss/index.ts';

interface Fixture {
  file: string;
  check: string | null;
  expect: {
    level: PssLevel;
    version: string;
    verdict: 'allowed' | 'denied';
    error_substring?: string;
    violated_check?: string;
    also?: Partial<Record<PssLevel, 'allowed' | 'denied'>>;
  };
}
interface Expected {
  checks: Record<string, { level: string; error_substring: string }>;
  fixtures: Fixture[];
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'pod-security-admission');
const expected = JSON.parse(
  readFileSync(path.join(corpusDir, 'expected.json'), 'utf8'),
) as Expected;

let matched = 0;
const mismatched: string[] = [];

afterAll(() => {
  const total = expected.fixtures.length;
  console.log(
    `PSS corpus: ${matched}/${total} verdicts match` +
      (mismatched.length ? ` (mismatches: ${mismatched.join(', ')})` : ''),
  );
});

describe('PSS corpus (upstream v1.37 fixtures)', () => {
  it('holds the 148 fixtures described in MANIFEST.md', () => {
    expect(expected.fixtures).toHaveLength(148);
  });

  it.each(expected.fixtures.map((f) => [f.file, f] as const))('%s', (file, fixture) => {
    const pod = parse(readFileSync(path.join(corpusDir, file), 'utf8')) as {
      metadata?: unknown;
      spec?: unknown;
    };
    const { level, verdict } = fixture.expect;
    const result = evaluatePodSecurity(pod, level);
    const verdictOk = result.allowed === (verdict === 'allowed');
    if (verdictOk) matched++;
    else mismatched.push(file);

    expect(
      result.allowed,
      `${file} at ${level}: ${result.violations.map((v) => v.message).join(' | ')}`,
    ).toBe(verdict === 'allowed');

    if (verdict === 'denied') {
      const checkId = fixture.expect.violated_check as string;
      const substring = expected.checks[checkId]?.error_substring ?? fixture.expect.error_substring;
      const ofCheck = result.violations.filter((v) => v.check === checkId);
      expect(ofCheck.length, `${file} should name ${checkId}`).toBeGreaterThan(0);
      for (const v of ofCheck) expect(v.message).toContain(substring);
    }

    for (const [otherLevel, otherVerdict] of Object.entries(fixture.expect.also ?? {})) {
      expect(
        evaluatePodSecurity(pod, otherLevel as PssLevel).allowed,
        `${file} also at ${otherLevel}`,
      ).toBe(otherVerdict === 'allowed');
    }
  });
});
