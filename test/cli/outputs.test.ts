// Outputs for CI: SARIF (validated against the SARIF 2.1.0 schema), `check --json`,
// `check --format junit`, and the defaults a run without a ThreatModel assumed.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { fixtures, mut, repo, type MutRun } from './runMut.ts';

vi.setConfig({ testTimeout: 60_000 });

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  }[];
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    results: SarifResult[];
    properties: { assumptions: string[] };
  }[];
}

const schema = JSON.parse(
  readFileSync(join(repo, fixtures, 'sarif-2.1.0.schema.json'), 'utf8'),
) as object;
// The schema's language-tag pattern is not valid under the `u` flag Ajv uses by default.
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

// Stage 1 without its ThreatModel, on standard input, as `kubectl get -o yaml` would pipe it.
const noThreatModel = ['kube-apiserver.yaml', 'team-a.yaml']
  .map((f) => readFileSync(join(repo, fixtures, 'stage1', f), 'utf8'))
  .join('---\n');

let out: string;
let analyzeSarif: MutRun, analyzeJson: MutRun, checkSarif: MutRun, checkJson: MutRun;
let junit: MutRun, piped: MutRun, pipedJson: MutRun, badFormat: MutRun, text: MutRun;
let techniques: MutRun;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'mut-outputs-'));
  // Five at a time: ten CLI processes at once on a busy 2-core machine hit runMut's timeout.
  [analyzeSarif, analyzeJson, checkSarif, checkJson, junit] = await Promise.all([
    mut(['analyze', `${fixtures}/stage1`, '--format', 'sarif']),
    mut(['analyze', `${fixtures}/stage1`, '--json']),
    mut(['check', '--min', '2', `${fixtures}/stage1`, '--sarif', join(out, 'check.sarif')]),
    mut(['check', '--min', '2', `${fixtures}/stage1`, `${fixtures}/stage2`, '--json']),
    mut(['check', '--min', '2', `${fixtures}/stage1`, '--format', 'junit']),
  ]);
  [piped, pipedJson, badFormat, text, techniques] = await Promise.all([
    mut(['check', '--min', '1', '-'], { input: noThreatModel }),
    mut(['analyze', '-', '--json'], { input: noThreatModel }),
    mut(['analyze', `${fixtures}/stage1`, '--format', 'html']),
    mut(['analyze', `${fixtures}/stage1`]),
    mut(['techniques', '--json']),
  ]);
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('SARIF', () => {
  it('is valid SARIF 2.1.0', () => {
    expect(analyzeSarif.code, analyzeSarif.stderr).toBe(0);
    const log = JSON.parse(analyzeSarif.stdout) as unknown;
    const valid = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
    const written = JSON.parse(readFileSync(join(out, 'check.sarif'), 'utf8')) as unknown;
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has one result per finding and per mess-up of each cheapest set, at file and line', () => {
    const log = JSON.parse(analyzeSarif.stdout) as SarifLog;
    const json = JSON.parse(analyzeJson.stdout) as {
      findings: { technique?: string; check?: string; location: { file: string; line: number } }[];
      goals: { witness: { messUps: { template: string }[] } | null }[];
    };
    const run = log.runs[0]!;
    const witnessMessUps = json.goals.flatMap((g) => g.witness?.messUps ?? []);
    expect(run.results).toHaveLength(json.findings.length + witnessMessUps.length);
    expect(run.results.map((r) => r.ruleId)).toEqual([
      ...witnessMessUps.map((m) => m.template),
      ...json.findings.map((f) => f.technique ?? f.check),
    ]);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(
        /^test\/cli\/fixtures\/stage1\/.+\.yaml$/,
      );
      expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it('takes its rule ids from the technique catalogue and the mess-up templates', () => {
    const catalogue = JSON.parse(techniques.stdout) as {
      techniques: { id: string }[];
      messUps: { id: string }[];
    };
    const ids = JSON.parse(analyzeSarif.stdout).runs[0].tool.driver.rules.map(
      (r: { id: string }) => r.id,
    );
    for (const t of catalogue.techniques) expect(ids).toContain(t.id);
    for (const m of catalogue.messUps) expect(ids).toContain(m.id);
  });

  it('marks the mess-ups of a goal below `check --min` as errors, and still exits 1', () => {
    expect(checkSarif.code).toBe(1);
    const log = JSON.parse(readFileSync(join(out, 'check.sarif'), 'utf8')) as SarifLog;
    const messUps = log.runs[0]!.results.filter((r) => r.ruleId === 'bind-cluster-admin');
    expect(messUps.length).toBeGreaterThan(0);
    for (const r of messUps) expect(r.level).toBe('error');
    expect(checkSarif.stdout).toContain(
      'FAIL full control of the cluster (cluster-admin): MUT 1 < 2',
    );
  });
});

describe('check --json and --format junit', () => {
  it('gives the verdict per goal and the sets that break the gate', () => {
    expect(checkJson.code).toBe(1);
    const doc = JSON.parse(checkJson.stdout) as {
      min: number;
      passed: boolean;
      goals: {
        goal: string;
        mut: number;
        passes: boolean;
        sufficient: { cost: number; messUps: { id: string }[] }[];
      }[];
      assumptions: string[];
    };
    expect(doc.min).toBe(2);
    expect(doc.passed).toBe(false);
    expect(doc.assumptions).toEqual([]);
    const admin = doc.goals.find((g) => g.goal === 'cluster-admin')!;
    expect(admin.passes).toBe(false);
    expect(admin.sufficient.every((s) => s.cost < 2)).toBe(true);
    expect(admin.sufficient.map((s) => s.messUps.map((m) => m.id))).toContainEqual([
      'bind-cluster-admin:user:system:anonymous',
    ]);
  });

  it('writes JUnit XML with a failed test case per goal below the minimum', () => {
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="mut check" tests="1" failures="1">/,
    );
    expect(junit.stdout).toContain('<failure message="MUT below 2">');
  });

  it('rejects an unknown format', () => {
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain(
      "mut analyze: --format must be text, json, sarif, not 'html'",
    );
  });
});

describe('assumed defaults', () => {
  const line =
    'mut: assumed: attacker on the Internet, baseline kubeadm, API endpoint public, anonymous authentication on unless the manifests say, goals cluster-admin and node-root, every user a binding names holds a kubeconfig that can leak: no ThreatModel given (docs/threat-model.md)\n';

  it('are said on stderr when no ThreatModel is given', () => {
    expect(piped.stderr).toContain(line);
    expect(pipedJson.stderr).toContain(line);
  });

  it('are carried by --json', () => {
    const doc = JSON.parse(pipedJson.stdout) as { assumptions: string[] };
    expect(doc.assumptions).toContain('API endpoint public');
    expect(doc.assumptions).toContain('anonymous authentication on unless the manifests say');
  });

  it('are not mentioned when a ThreatModel is given', () => {
    expect(text.stderr).toBe('');
    expect((JSON.parse(analyzeJson.stdout) as { assumptions: string[] }).assumptions).toEqual([]);
  });
});
