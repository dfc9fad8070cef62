// The package as a user gets it: `npm pack`, then installed in a clean folder with no
// repository and no dev tools around, run as `mut`, as `kubectl-mut` and through `npx`.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtures, repo } from './runMut.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sh(
  file: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  input = '',
) {
  return new Promise<Run>((resolve) => {
    const child = execFile(
      file,
      args,
      {
        cwd,
        timeout: 240_000,
        maxBuffer: 16 * 1024 * 1024,
        // No loader, no NODE_OPTIONS from the test runner: nothing of the checkout leaks in.
        env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', ...env },
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: unknown }).code ?? 1) : 0,
          stdout,
          stderr,
        }),
    );
    // A command that reads no input may exit before it is written: that is no failure of it.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

// npm and the installed CLI, on a machine that may be busy.
vi.setConfig({ testTimeout: 120_000 });

let work: string;
let tarball: string;
let prefix: string;
let cache: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mut-pack-'));
  cache = join(work, 'npm-cache');
  prefix = join(work, 'prefix');
  const packed = await sh('npm', ['pack', '--silent', '--pack-destination', work], repo, {
    npm_config_cache: cache,
  });
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(
    work,
    readdirSync(work).find((f) => /^mut-lab-.*\.tgz$/.test(f))!,
  );
  const installed = await sh('npm', ['install', '-g', '--prefix', prefix, tarball], work, {
    npm_config_cache: cache,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  });
  expect(installed.code, installed.stderr).toBe(0);
  // A project of someone else's: its manifests and nothing of MUT Lab.
  cpSync(join(repo, fixtures, 'stage1'), join(work, 'project', 'deploy'), { recursive: true });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('installs with no dependencies and runs `mut analyze` outside the repository', async () => {
    const run = await sh(join(prefix, 'bin', 'mut'), ['analyze', 'deploy'], join(work, 'project'));
    expect(run.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^MUT for full control of the cluster \(cluster-admin\): 1$/m);
    const modules = readdirSync(join(prefix, 'lib', 'node_modules', 'mut-lab'));
    expect(modules).not.toContain('node_modules');
  });

  it('carries the Apache-2.0 licence that package.json names, listed in its files', () => {
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
      license: string;
      files: string[];
    };
    expect(manifest.license).toBe('Apache-2.0');
    // npm adds a LICENSE by itself; listing it says it is meant, and survives a rename.
    expect(manifest.files).toContain('LICENSE');
    const installed = join(prefix, 'lib', 'node_modules', 'mut-lab', 'LICENSE');
    const text = readFileSync(installed, 'utf8');
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
    expect(text).toBe(readFileSync(join(repo, 'LICENSE'), 'utf8'));
  });

  it('gates with `mut check`', async () => {
    const project = join(work, 'project');
    const check = await sh(join(prefix, 'bin', 'mut'), ['check', '--min', '2', 'deploy'], project);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('FAIL full control of the cluster (cluster-admin): MUT 1 < 2');
  });

  it('verifies the scenarios it ships, from any folder', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const run = await sh(join(prefix, 'bin', 'mut'), ['scenario', 'verify'], empty);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^OK: \d+ scenarios, \d+ stages$/m);
  }, 120_000);

  it('is a kubectl plugin: kubectl-mut reads a dump on standard input', async () => {
    // What `kubectl get -A -o yaml ...` prints: one `kind: List` of every object.
    const items = readdirSync(join(repo, fixtures, 'stage1'))
      .map((f) => readFileSync(join(repo, fixtures, 'stage1', f), 'utf8'))
      .join('---\n');
    const list = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: items.split(/^---$/m).flatMap((d) => (d.trim() ? [parseYaml(d)] : [])),
    });
    const run = await sh(join(prefix, 'bin', 'kubectl-mut'), ['analyze', '-'], work, {}, list);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^MUT for full control of the cluster \(cluster-admin\): 1$/m);
  });

  it('runs through npx from the tarball', async () => {
    const run = await sh('npx', ['--yes', '--package', tarball, 'mut', '--help'], work, {
      npm_config_cache: cache,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mut <command>/);
  });
});

interface ActionStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

/** The action's run: steps as a runner would execute them, `uses:` steps left to GitHub. */
async function runAction(inputs: Record<string, string>, cwd: string) {
  const action = parseYaml(readFileSync(join(repo, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: ActionStep[] };
  };
  expect(action.runs.using).toBe('composite');
  const values = Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']),
  );
  const outputs: Record<string, Record<string, string>> = {};
  const expand = (text: string) =>
    text.replace(
      /\$\{\{\s*(inputs\.([\w-]+)|steps\.([\w-]+)\.outputs\.([\w-]+))\s*\}\}/g,
      (_, __, input, step, out) => (input ? values[input]! : (outputs[step]?.[out] ?? '')),
    );
  const actionPrefix = join(work, 'action-prefix');
  const runs: { step: ActionStep; run: Run }[] = [];
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    for (const v of Object.values(step.env ?? {})) expect(v).toMatch(/^\$\{\{ [\w.-]+ \}\}$/);
    expect(step.run, 'inputs reach scripts through env only').not.toContain('${{');
    const outputFile = join(work, `output-${step.id ?? runs.length}`);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
    const run = await sh('bash', ['-e', '-c', step.run], cwd, {
      ...env,
      GITHUB_OUTPUT: outputFile,
      PATH: `${join(actionPrefix, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_prefix: actionPrefix,
      npm_config_cache: cache,
    });
    if (step.id && existsSync(outputFile))
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('=') as [string, string]),
      );
    runs.push({ step, run });
  }
  return { action, runs, outputs };
}

describe('the GitHub Action (action.yml)', () => {
  it('installs the package, runs mut check, writes SARIF for upload, and fails the gate', async () => {
    const project = join(work, 'project');
    const { action, runs, outputs } = await runAction(
      { package: tarball, paths: 'deploy', min: '2' },
      project,
    );
    const [install, check, gate] = runs;
    expect(install!.run.code, install!.run.stderr).toBe(0);
    expect(check!.run.code, check!.run.stderr).toBe(0);
    expect(check!.run.stdout).toContain(
      'FAIL full control of the cluster (cluster-admin): MUT 1 < 2',
    );
    expect(outputs.check).toEqual({ 'exit-code': '1' });
    expect(gate!.run.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(project, 'mut.sarif'), 'utf8')) as {
      version: string;
    };
    expect(sarif.version).toBe('2.1.0');
    const upload = action.runs.steps.find((s) =>
      s.uses?.startsWith('github/codeql-action/upload-sarif@'),
    );
    expect(upload?.with?.sarif_file).toBe('${{ inputs.sarif-file }}');
  });

  it('passes the gate when every goal meets the minimum', async () => {
    const { runs, outputs } = await runAction(
      { package: tarball, paths: 'deploy', min: '1', sarif: 'false' },
      join(work, 'project'),
    );
    expect(outputs.check).toEqual({ 'exit-code': '0' });
    expect(runs.at(-1)!.run.code).toBe(0);
  });

  it('passes its baseline and max-drop inputs on to mut check', async () => {
    const { runs, outputs } = await runAction(
      {
        package: tarball,
        paths: 'deploy',
        min: '0',
        baseline: 'eks',
        'max-drop': '0',
        sarif: 'false',
      },
      join(work, 'project'),
    );
    const check = runs[1]!.run;
    expect(check.stdout).toMatch(/^OK: .* below the baseline's .* on baseline eks$/m);
    expect(outputs.check).toEqual({ 'exit-code': '0' });
  });
});

describe('the pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  const hooks = parseYaml(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    args: string[];
    files: string;
    language: string;
  }[];

  it('run their entry and args on a project with the installed package', async () => {
    const bin = join(prefix, 'bin');
    const byId = Object.fromEntries(hooks.map((h) => [h.id, h]));
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(new RegExp(hook.files).test('deploy/rbac.yaml')).toBe(true);
    }
    const [command, ...entryArgs] = byId['mut-check']!.entry.split(' ');
    const check = await sh(
      join(bin, command!),
      [...entryArgs, ...byId['mut-check']!.args],
      join(work, 'project'),
    );
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('MUT 1 < 2');
    const [pssCommand, ...pssArgs] = byId['mut-pss']!.entry.split(' ');
    const pss = await sh(
      join(bin, pssCommand!),
      [...pssArgs, ...byId['mut-pss']!.args],
      join(work, 'project'),
    );
    expect(pss.stdout).toMatch(/^Pod Security Standards, level restricted:/);
    expect([0, 1]).toContain(pss.code);
  });
});
