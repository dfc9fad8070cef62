// The package as a user gets it: `npm pack`, then installed in a clean folder with no
// repository and no dev tools around, run as `mut`, as `kubectl-mut` and through `npx`.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
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
    execFile(
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
    ).stdin?.end(input);
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
