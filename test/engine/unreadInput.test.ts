// Nothing the engine could not read passes a gate: whatever is skipped is an error diagnostic
// at its line, every limit names itself, and the work stays bounded on any input. The CLI's
// `check` fails on any error diagnostic, so "an input was not fully read" ⇔ an error here.

import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../src/engine/index.ts';

const privilegedPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: app
  annotations:
    note: !vault secret/argocd
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        privileged: true
`;

const errors = (r: AnalysisResult) => r.diagnostics.filter((d) => d.severity === 'error');
const run = (text: string, path = 'in.yaml') => analyze([{ path, text }]);

describe('a document the engine could not read is an error at its line', () => {
  it('an unknown tag in an annotation: an error naming the tag, at its line', () => {
    const r = run(privilegedPod);
    expect(errors(r)).toEqual([
      expect.objectContaining({
        file: 'in.yaml',
        line: 7,
        message: expect.stringMatching(/the tag !vault is not one MUT Lab knows.*not read/),
      }),
    ]);
  });

  it('nesting past js-yaml’s limit names the limit and the line, not "could not be read" at 1:1', () => {
    const deep = Array.from({ length: 120 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n';
    const [e] = errors(run(deep));
    expect(e!.message).toMatch(/more than 100 levels deep \(the nesting limit\)/);
    expect(e!.line).toBe(100);
  });

  it('a rejected document gives the reader’s reason and place', () => {
    const [e] = errors(run('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\u0007b\n'));
    expect(e).toMatchObject({ line: 4, column: 12 });
    expect(e!.message).toMatch(/non-printable characters/);
  });

  it.each([
    ['a scalar', 'just text\n', /this document is not a Kubernetes object/],
    ['a mapping without kind', 'apiVersion: v1\nmetadata: { name: x }\n', /has no kind/],
    ['a mapping without apiVersion', 'kind: Pod\nmetadata: { name: x }\n', /has no apiVersion/],
  ])('%s is an error, not a warning', (_, text, message) => {
    expect(errors(run(text))).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringMatching(message) }),
    ]);
  });

  it('an item of a List that is not an object is an error at the item’s line', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: { name: a }\n  - 42\n';
    const r = run(text);
    expect(errors(r)).toEqual([
      expect.objectContaining({ line: 7, message: expect.stringMatching(/this item is not/) }),
    ]);
    expect(r.stats.objects).toBe(1);
  });

  it('an invalid ThreatModel field is an error: it is left out of the analysis', () => {
    const text =
      'apiVersion: mutlab.dev/v1alpha1\nkind: ThreatModel\nmetadata: { name: t }\nspec:\n  goals: [node-root, "not a goal"]\n';
    expect(errors(run(text)).length).toBeGreaterThan(0);
  });
});

describe('encodings', () => {
  it('UTF-16 is called UTF-16, not binary', () => {
    const bytes = Buffer.from(
      '\uFEFFapiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n',
      'utf16le',
    );
    for (const decoding of ['utf-8', 'latin1'] as const) {
      const [e] = errors(run(new TextDecoder(decoding).decode(bytes)));
      expect(e!.message).toMatch(/UTF-16.*save it as UTF-8/);
    }
  });

  // The name read ("caf\uFFFD") is not one the API server accepts either: a second error.
  it('invalid UTF-8 is an error at the first replaced byte, and the rest is still read', () => {
    const bytes = Buffer.concat([
      Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const r = run(new TextDecoder('utf-8').decode(bytes));
    expect(errors(r)).toEqual([
      expect.objectContaining({
        line: 4,
        column: 12,
        message: expect.stringMatching(/not valid UTF-8/),
      }),
      expect.objectContaining({
        line: 4,
        message: expect.stringMatching(/Namespace caf\uFFFD: the API server would refuse it/),
      }),
    ]);
    expect(r.stats.objects).toBe(1);
  });
});

describe('bounded work, limits that name themselves', () => {
  it('150,000 tiny documents in one file do not overflow the call stack', () => {
    const text = Array.from({ length: 150_000 }, () => `{kind: Namespace, apiVersion: v1}`).join(
      '\n---\n',
    );
    const r = run(text);
    expect(r.stats.objects).toBe(150_000);
    expect(errors(r)).toEqual([]);
  }, 30_000);

  it('150,000 files do not overflow the call stack', () => {
    const files = Array.from({ length: 150_000 }, (_, i) => ({
      path: `f${i}.yaml`,
      text: `a: ${i}\n`,
    }));
    const r = analyze(files);
    expect(r.diagnostics.length).toBeLessThanOrEqual(500);
    expect(r.diagnostics.at(-1)!.message).toMatch(
      /149501 more diagnostics are not shown.*500 in all \(the diagnostics limit\)/,
    );
    expect(r.diagnostics.at(-1)!.severity).toBe('error');
    expect(r.diagnostics.at(-1)!.code, 'marked, so a reader that caps lines keeps it').toBe(
      'limit',
    );
  }, 30_000);

  it('one error per document in 110,000 documents: reading stops at the per-file error limit, quickly', () => {
    const text = Array.from({ length: 110_000 }, () => 'a: [').join('\n---\n');
    const t0 = performance.now();
    const r = run(text);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.diagnostics).toHaveLength(41);
    expect(r.diagnostics.at(-1)).toMatchObject({
      severity: 'error',
      code: 'limit',
      line: 80,
      message: expect.stringMatching(
        /stopped reading this file here, after 40 errors \(the per-file error limit\)/,
      ),
    });
  });

  it('diagnostics past the per-file cap are counted, errors kept first', () => {
    const text = [
      ...Array.from(
        { length: 60 },
        (_, i) => `apiVersion: x/v1\nkind: Frob${i}\nmetadata: { name: f${i} }`,
      ),
      'just text',
    ].join('\n---\n');
    const r = run(text);
    expect(r.diagnostics).toHaveLength(51);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/not a Kubernetes object/),
    });
    expect(r.diagnostics.at(-1)!.message).toMatch(
      /11 more diagnostics in this file are not shown: MUT Lab shows 50 per file \(the per-file diagnostics limit\)/,
    );
    expect(r.diagnostics.at(-1)!.severity).toBe('info');
  });

  it.each([
    [
      'the alias limit',
      `a: &a x\nb: [${Array(201).fill('*a').join(', ')}]\n`,
      /201 aliases, more than 200 \(the alias limit\)/,
    ],
    [
      'the file size limit',
      `a: "${'x'.repeat(9 * 1024 * 1024)}"\n`,
      /up to 8 MB \(the file size limit\)/,
    ],
  ])('%s names itself', (_, text, message) => {
    expect(errors(run(text))[0]!.message).toMatch(message);
  });
});
