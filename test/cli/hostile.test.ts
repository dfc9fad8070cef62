// Hostile input for the CLI: what a scanned folder or a dump may hold by accident or by
// malice. Each case ends with a clear message naming the problem (or a note on what was
// skipped), exit 2 or a normal result, never an internal error (exit 3), within a bound.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  cpSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyze } from '../../src/engine/index.ts';
import { generatedCases, handWrittenCases, type CorpusCase } from '../hostile/corpus';
import { fixtures, mut, repo, stackTrace, tsxLoader, type MutRun } from './runMut.ts';

// Each case starts the CLI once or twice, on a machine that may be busy.
vi.setConfig({ testTimeout: 90_000 });

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mut-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

function expectClear(run: MutRun) {
  expect(run.code).not.toBe(3);
  expect(run.stderr).not.toMatch(stackTrace);
  expect(run.stderr).not.toContain('internal error');
}

describe('a 150,000-document file with an error in every other document', () => {
  it('prints 20 errors and a count, not 75,000 lines, and says the result is incomplete', async () => {
    const docs: string[] = [];
    for (let i = 0; i < 150_000; i++)
      docs.push(
        i % 2
          ? `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}, namespace: default}\n`
          : 'a: [\n',
      );
    writeFileSync(join(dir, 'many.yaml'), docs.join('---\n'));
    const started = Date.now();
    const run = await mut(['analyze', join(dir, 'many.yaml')]);
    expectClear(run);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // The engine stops reading a file after 40 errors and says so in a 41st (its own limit);
    // the CLI prints 20 of them, the engine's stop notice (never hidden by the cap), and a
    // count of the rest.
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(23);
    expect(lines.slice(0, 20).every((l) => /many\.yaml:\d+:\d+: error: /.test(l))).toBe(true);
    expect(lines[20]).toMatch(
      /many\.yaml:\d+:1: error: MUT Lab stopped reading this file here, after 40 errors \(the per-file error limit\)/,
    );
    expect(lines[21]).toMatch(/^… and 20 more \(20 in .*many\.yaml\): mut prints 20 per file/);
    expect(run.stderr).toContain(
      'mut analyze: no result: the input was not fully read (41 errors in 1 file)',
    );
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 150_000);
});

describe('a folder of 150,000 files', () => {
  it('stops at the file count limit with the way around it, without overflowing the stack', async () => {
    const big = join(dir, 'big');
    mkdirSync(big);
    for (let i = 0; i < 150_000; i++) writeFileSync(join(big, `f${i}.yaml`), '');
    const run = await mut(['analyze', big]);
    expectClear(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /more than 100,000 manifest files in this folder; mut reads up to 100,000 files per run \(its file count limit\): concatenate them/,
    );
    rmSync(big, { recursive: true, force: true });
  }, 150_000);
});

describe('files that are not files', () => {
  it('refuses a link to /dev/zero in a scanned folder, naming what it is', async () => {
    const folder = join(dir, 'zero');
    cpSync(join(repo, fixtures, 'stage1'), folder, { recursive: true });
    symlinkSync('/dev/zero', join(folder, 'zero.yaml'));
    const run = await mut(['analyze', folder]);
    expectClear(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'zero.yaml:1:1: error: cannot read: not a regular file (a character device): mut reads only files',
    );
  });

  it('refuses a FIFO instead of waiting for a writer', async () => {
    const folder = join(dir, 'fifo');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, 'pipe.yaml')]);
    const run = await mut(['check', '--min', '1', folder]);
    expectClear(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pipe.yaml:1:1: error: cannot read: not a regular file (a FIFO)');
  });

  it('refuses /dev/zero on standard input', async () => {
    const run = await new Promise<MutRun>((resolve) => {
      const zero = openSync('/dev/zero', 'r');
      const child = spawn(
        process.execPath,
        ['--import', tsxLoader, join(repo, 'src/cli/main.ts'), 'analyze', '-'],
        { stdio: [zero, 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
      );
      closeSync(zero);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => (stdout += d));
      child.stderr!.on('data', (d: Buffer) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    expectClear(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '<stdin>:1:1: error: cannot read: standard input is a character device, not a file or a pipe',
    );
  });
});

// The corpus holds text already decoded; these are the bytes as an editor saves them, read by
// the CLI from disk (issue #17: UTF-16 was called "binary", bad UTF-8 replaced silently).
describe('bytes that are not UTF-8, as saved on disk', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: app\n';
  it.each([
    [
      'UTF-16 LE with a BOM',
      Buffer.from(`\uFEFF${pod}`, 'utf16le'),
      /:1:1: error: the file is UTF-16 text; MUT Lab reads UTF-8: save it as UTF-8/,
    ],
    [
      'UTF-16 BE with a BOM',
      Buffer.from(`\uFEFF${pod}`, 'utf16le').swap16(),
      /:1:1: error: the file is UTF-16 text/,
    ],
    [
      'UTF-16 LE without a BOM',
      Buffer.from(pod, 'utf16le'),
      /:1:1: error: the file is UTF-16 text/,
    ],
    [
      'Latin-1',
      Buffer.from(pod.replace('web', 'café'), 'latin1'),
      /:4:12: error: the file is not valid UTF-8: bytes here were replaced/,
    ],
  ])(
    '%s is an error naming the encoding, at its place; check fails',
    async (name, bytes, message) => {
      const folder = join(dir, `encoding-${name.replace(/\W+/g, '-')}`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'pod.yaml'), bytes);
      const [analyzed, checked] = await Promise.all([
        mut(['analyze', folder]),
        mut(['check', '--min', '0', folder]),
      ]);
      for (const run of [analyzed, checked]) {
        expectClear(run);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/binary/);
      }
      expect(analyzed.stderr).toContain('mut analyze: no result: the input was not fully read');
    },
  );
});

describe('links to folders', () => {
  it('a link to a folder elsewhere is read like a folder (never skipped without a word)', async () => {
    const outside = join(dir, 'outside');
    cpSync(join(repo, fixtures, 'stage1'), outside, { recursive: true });
    const folder = join(dir, 'with-link');
    mkdirSync(folder);
    symlinkSync(outside, join(folder, 'linked'));
    const [direct, linked] = await Promise.all([
      mut(['analyze', '--json', outside]),
      mut(['analyze', '--json', folder]),
    ]);
    expectClear(linked);
    expect(linked.code).toBe(0);
    expect(linked.stderr).toBe('');
    const read = (run: MutRun) => {
      const json = JSON.parse(run.stdout) as { goals: { mut: number | null }[]; findings: [] };
      return { muts: json.goals.map((g) => g.mut), findings: json.findings.length };
    };
    expect(read(linked)).toEqual(read(direct));
  });
});

describe('link loops', () => {
  it('analyze skips a link back to a folder already read, with a note', async () => {
    const folder = join(dir, 'loop');
    cpSync(join(repo, fixtures, 'stage1'), folder, { recursive: true });
    mkdirSync(join(folder, 'sub'));
    symlinkSync('..', join(folder, 'sub', 'back'));
    const run = await mut(['analyze', folder]);
    expectClear(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Baseline: kubeadm .*\n\nMUT for /);
    expect(run.stderr).toContain('back: note: skipped: a link to a folder already read (a loop)');
  });

  it('scenario verify skips a link loop inside a scenario folder, with a note', async () => {
    const root = join(dir, 'scenarios');
    cpSync(join(repo, 'scenarios/01-worked-example'), join(root, '01-worked-example'), {
      recursive: true,
    });
    symlinkSync('.', join(root, '01-worked-example', 'again'));
    const run = await mut(['scenario', 'verify', '--root', root]);
    expectClear(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/OK: 1 scenario, \d+ stages/);
    expect(run.stderr).toContain('again: note: skipped: a link to a folder already read (a loop)');
  }, 60_000);
});

describe('names that try to drive the terminal or the CI log', () => {
  const evilName = 'x\\e[2J\\rOK: every goal has MUT >= 9\\n::add-mask::s3cr3t';
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: "${evilName}"`,
    '  namespace: default',
    'spec:',
    '  containers:',
    '  - {name: c, image: nginx, securityContext: {privileged: true}}',
    '',
  ].join('\n');

  // RBAC names are any path segment (the API server stores these); a Pod's name is a DNS
  // subdomain, so the Pod is refused, and said so escaped too.
  const binding = [
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRoleBinding',
    'metadata:',
    `  name: "${evilName}"`,
    'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
    'subjects: [{kind: Group, name: system:authenticated}]',
    '',
  ].join('\n');
  const escaped = 'x\\x1b[2J\\rOK: every goal has MUT >= 9\\n::add-mask::s3cr3t';
  const expectEscaped = (out: string) => {
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\r');
    expect(out).not.toMatch(/^\s*OK:/m);
    expect(out).not.toMatch(/^\s*::/m);
    expect(out).toContain(escaped);
  };

  it('shows control characters escaped in text output, and exact in JSON', async () => {
    const rbac = join(dir, 'evil-rbac');
    const pods = join(dir, 'evil-pod');
    mkdirSync(rbac);
    mkdirSync(pods);
    writeFileSync(join(rbac, 'binding.yaml'), binding);
    writeFileSync(join(pods, 'pod.yaml'), pod);
    const [text, pss, json, refused] = await Promise.all([
      mut(['analyze', rbac]),
      mut(['pss', '--level', 'baseline', pods]),
      mut(['analyze', rbac, '--json']),
      mut(['analyze', pods]),
    ]);
    for (const run of [text, pss]) {
      expectClear(run);
      expectEscaped(run.stdout);
    }
    const parsed = JSON.parse(json.stdout) as { findings: { object: string }[] };
    expect(parsed.findings.map((f) => f.object)).toContain(
      'ClusterRoleBinding x\u001b[2J\rOK: every goal has MUT >= 9\n::add-mask::s3cr3t',
    );
    expectClear(refused);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expectEscaped(refused.stderr);
    expect(refused.stderr).toContain('the API server would refuse it: its name');
  });

  it('escapes a file name in a diagnostic, and never lets it start a workflow command', async () => {
    const folder = join(dir, 'evil-file');
    mkdirSync(folder);
    writeFileSync(join(folder, '::error::pwned\n\u001b[31m.yaml'), 'a: [\n');
    const run = await mut(['check', '--min', '1', '::error::pwned\n\u001b[31m.yaml'], {
      cwd: folder,
    });
    expectClear(run);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/^::/m);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toMatch(/^\\x3a:error::pwned\\n\\x1b\[31m\.yaml:\d+:\d+: error: /m);
  });
});

describe('the hostile corpus (test/hostile/corpus.ts) through the built CLI', () => {
  // The bundle as the package ships it (scripts/build-cli.mjs), built apart from dist/cli,
  // which `npm pack` in package.test.ts rebuilds meanwhile. Commands run in one process
  // (inProcessMut.mjs): a process each would take minutes for 2,400 commands.
  let cli: string;
  beforeAll(() => {
    const pkg = join(dir, 'pkg');
    mkdirSync(pkg, { recursive: true });
    cpSync(join(repo, 'package.json'), join(pkg, 'package.json'));
    execFileSync(process.execPath, [join(repo, 'scripts/build-cli.mjs'), join(pkg, 'dist/cli')]);
    cli = join(pkg, 'dist/cli/mut.js');
  }, 120_000);

  // C0/C1 controls (a newline excepted), DEL, bidi and zero-width marks: what `shown` escapes.
  const raw =
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

  interface Outcome extends MutRun {
    ms: number;
  }

  /** Writes each case's files into a folder of its own; runs analyze and check on each. */
  function runAll(cases: readonly CorpusCase[], root: string): [Outcome, Outcome][] {
    const jobs: { args: string[]; cwd: string }[] = [];
    cases.forEach((c, i) => {
      const folder = join(root, String(i));
      for (const file of c.files) {
        mkdirSync(dirname(join(folder, file.path)), { recursive: true });
        writeFileSync(join(folder, file.path), file.text);
      }
      const paths = c.files.map((f) => f.path);
      jobs.push({ args: ['analyze', ...paths], cwd: folder });
      jobs.push({ args: ['check', '--min', '1', ...paths], cwd: folder });
    });
    writeFileSync(join(root, 'jobs.json'), JSON.stringify(jobs));
    execFileSync(
      process.execPath,
      [
        join(repo, 'test/cli/inProcessMut.mjs'),
        cli,
        join(root, 'jobs.json'),
        join(root, 'results.json'),
      ],
      { stdio: 'inherit', timeout: 600_000 },
    );
    const results = JSON.parse(readFileSync(join(root, 'results.json'), 'utf8')) as Outcome[];
    return cases.map((_, i) => [results[2 * i]!, results[2 * i + 1]!]);
  }

  function expectSafe(c: CorpusCase, command: string, run: Outcome): void {
    const what = `${c.name}: mut ${command}`;
    expect(run.code, `${what}: ${run.stderr.slice(0, 500)}`).not.toBe(3);
    expect(run.stderr, what).not.toContain('internal error');
    expect(run.stderr, what).not.toMatch(stackTrace);
    for (const [stream, text] of [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
    ] as const) {
      expect(raw.exec(text)?.[0], `${what}: a raw control character on ${stream}`).toBeUndefined();
      expect(text, `${what}: a line of ${stream} starts a workflow command`).not.toMatch(/^::/m);
    }
    expect(run.ms, `${what}: ${run.ms} ms`).toBeLessThan(c.timeLimitMs ? 60_000 : 10_000);
  }

  function expectOutcome(c: CorpusCase, [analyzed, checked]: [Outcome, Outcome], folder: string) {
    expectSafe(c, 'analyze', analyzed);
    expectSafe(c, 'check', checked);
    // Both commands read the same input: it is fully read for both, or for neither.
    expect(
      checked.code === 2,
      `${c.name}: analyze exited ${analyzed.code}, check ${checked.code}`,
    ).toBe(analyzed.code === 2);
    if (analyzed.code === 2) {
      expect(analyzed.stdout, c.name).toBe('');
      expect(analyzed.stderr, c.name).toMatch(/: error: /);
    } else {
      expect(analyzed.code, c.name).toBe(0);
      expect(analyzed.stdout, c.name).toMatch(/^Baseline: [a-z]+ .*\n\nMUT for /);
      // No pass on input the engine could not read: the text as the CLI read it has no error.
      const files = c.files.map((f) => ({
        path: f.path,
        text: readFileSync(join(folder, f.path), 'utf8'),
      }));
      const errors = analyze(files).diagnostics.filter((d) => d.severity === 'error');
      expect(
        errors.map((e) => e.message),
        `${c.name}: mut passed what the engine could not read`,
      ).toEqual([]);
    }
    if (c.expect === 'error') {
      expect(analyzed.code, `${c.name}: analyze`).toBe(2);
      expect(checked.code, `${c.name}: check`).toBe(2);
      expect(checked.stderr, c.name).toContain(
        'mut check: no result: the input was not fully read',
      );
    }
    if (c.expect === 'analysis') {
      expect(analyzed.code, `${c.name}: ${analyzed.stderr}`).toBe(0);
      expect([0, 1], `${c.name}: check`).toContain(checked.code);
    }
  }

  it('every hand-written case', () => {
    const root = join(dir, 'corpus-hand');
    const outcomes = runAll(handWrittenCases, root);
    handWrittenCases.forEach((c, i) => expectOutcome(c, outcomes[i]!, join(root, String(i))));
  }, 300_000);

  const generated = generatedCases();
  const chunk = 400;
  for (let from = 0; from < generated.length; from += chunk) {
    const cases = generated.slice(from, from + chunk);
    it(`generated cases ${from}–${from + cases.length - 1}`, () => {
      const root = join(dir, `corpus-${from}`);
      const outcomes = runAll(cases, root);
      cases.forEach((c, i) => expectOutcome(c, outcomes[i]!, join(root, String(i))));
      rmSync(root, { recursive: true, force: true });
    }, 300_000);
  }
});
