// Bad input: whatever a learner pastes or a share link carries, `analyze` returns (it
// never throws), in bounded time, with diagnostics that say what is wrong and where.

import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult, type InputFile } from '../../src/engine/index.ts';
import { yamlTokens as corpusTokens } from '../hostile/corpus';

const timeLimitMs = 2000;

/** Runs `analyze` and checks the contract that holds for any input. */
function analyzeBounded(files: InputFile[]): AnalysisResult {
  const t0 = performance.now();
  let result: AnalysisResult | undefined;
  expect(() => {
    result = analyze(files);
  }).not.toThrow();
  const elapsed = performance.now() - t0;
  expect(elapsed, `analysis took ${elapsed.toFixed(0)} ms`).toBeLessThan(timeLimitMs);
  const paths = new Set(files.map((f) => f.path));
  for (const d of result!.diagnostics) {
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
    expect(paths.has(d.file) || d.file === '', `diagnostic file ${d.file}`).toBe(true);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
  expect(Array.isArray(result!.goals)).toBe(true);
  // The result is plain data: it survives the worker boundary and a share link unchanged.
  expect(JSON.parse(JSON.stringify(result!.goals))).toEqual(result!.goals);
  return result!;
}

const errors = (r: AnalysisResult) => r.diagnostics.filter((d) => d.severity === 'error');

// The corpus's tokens, and a key that reaches a prototype through its constructor.
const yamlTokens = fc.constantFrom(...corpusTokens, 'constructor:');

const yamlTree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double()),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'apiVersion',
          'kind',
          'metadata',
          'spec',
          'name',
          'namespace',
          'items',
          'containers',
          'securityContext',
          'privileged',
          'subjects',
          'roleRef',
          'rules',
          '__proto__',
          'constructor',
        ),
        fc.string(),
      ),
      tie('node'),
      { maxKeys: 5 },
    ),
  ),
})).node;

describe('analyze on arbitrary input', () => {
  it('returns for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        analyzeBounded([{ path: 'input.yaml', text }]);
      }),
      { numRuns: 200 },
    );
  });

  it('returns for arbitrary Unicode (astral planes, lone surrogates)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        analyzeBounded([{ path: 'input.yaml', text }]);
      }),
      { numRuns: 200 },
    );
  });

  it('returns for random YAML-ish token soup', () => {
    fc.assert(
      fc.property(fc.array(yamlTokens, { maxLength: 80 }), (tokens) => {
        analyzeBounded([{ path: 'input.yaml', text: tokens.join('') }]);
      }),
      { numRuns: 300 },
    );
  });

  it('returns for any JSON value, as YAML and as JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        analyzeBounded([
          { path: 'value.yaml', text: dump(value) },
          { path: 'value.json', text: JSON.stringify(value) },
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it('returns for arbitrary YAML trees with Kubernetes-like keys', () => {
    fc.assert(
      fc.property(fc.array(yamlTree, { maxLength: 4 }), (docs) => {
        const text = docs.map((d) => dump(d, { noRefs: true })).join('---\n');
        analyzeBounded([{ path: 'trees.yaml', text }]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

describe('analyze on hostile input', () => {
  /** The classic "billion laughs": 9 levels of 9 references, 9^9 strings once expanded. */
  function billionLaughs(): string {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    return lines.join('\n') + '\n';
  }

  it('does not hang on an alias bomb ("billion laughs")', () => {
    analyzeBounded([{ path: 'bomb.yaml', text: billionLaughs() }]);
  });

  // Only 81 references, but 9^9 nodes once expanded: refused by its expanded size.
  it('refuses an alias bomb ("billion laughs") with an error', () => {
    const r = analyzeBounded([{ path: 'bomb.yaml', text: billionLaughs() }]);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]!.message).toMatch(/alias/);
    expect(errors(r)[0]).toMatchObject({ file: 'bomb.yaml', line: 1 });
  });

  it('refuses a document with more than 200 alias references inside a Kubernetes object', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: bomb }',
      'data:',
      '  a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 25 },
        (_, i) =>
          `  b${i}: &b${i} [${Array(10)
            .fill(i === 0 ? '*a' : `*b${i - 1}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    const r = analyzeBounded([{ path: 'bomb.yaml', text }]);
    expect(errors(r).length).toBeGreaterThan(0);
  });

  it('gives a 10 MB document a clear size message', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  blob: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
    const r = analyzeBounded([{ path: 'big.yaml', text }]);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]!.message).toMatch(/10\.0 MB/);
    expect(errors(r)[0]!.message).toMatch(/up to 8 MB/);
  });

  it('reports 5,000-deep flow sequences, without crashing', () => {
    const text = '['.repeat(5000) + ']'.repeat(5000);
    const r = analyzeBounded([{ path: 'deep.yaml', text }]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it('reports 5,000-deep nested maps, without crashing', () => {
    const block = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n';
    const flow = '{a: '.repeat(5000) + '1' + '}'.repeat(5000);
    for (const text of [block, flow]) {
      const r = analyzeBounded([{ path: 'deep.yaml', text }]);
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('reports binary garbage (NUL bytes included)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), (bytes) => {
        const withNul = new Uint8Array([...bytes, 0, ...bytes]);
        const text = new TextDecoder('latin1').decode(withNul);
        const r = analyzeBounded([{ path: 'blob.bin', text }]);
        expect(errors(r)).toHaveLength(1);
        expect(errors(r)[0]!.message).toMatch(/binary/);
      }),
      { numRuns: 50 },
    );
  });

  it('never lets __proto__ or constructor keys reach a prototype', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: app
  __proto__:
    polluted: metadata
  constructor:
    prototype:
      polluted: constructor
  labels:
    __proto__: { polluted: labels }
    constructor: labels
    app: web
spec:
  __proto__:
    polluted: spec
  containers:
    - name: app
      image: nginx
      __proto__: { polluted: container }
      securityContext:
        privileged: true
        __proto__: { privileged: false, polluted: true }
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  attacker:
    start: pod:app/web
  goals: [node-root]
  costs:
    __proto__: { kernel-escape-bug: 0 }
    constructor: 3
`;
    const asJson = JSON.stringify([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'x', ['__proto__']: { polluted: 1 } },
      },
    ]).replace('"__proto__"', '"__proto__"');
    const r = analyzeBounded([
      { path: 'proto.yaml', text },
      { path: 'proto.json', text: asJson },
    ]);
    const plain = {} as Record<string, unknown>;
    expect(plain.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('privileged');
    expect(Object.prototype).not.toHaveProperty('kernel-escape-bug');
    // The `__proto__` cost is not applied: an error at its line says so (a field left out of
    // the analysis is never silent). The label named `__proto__` is read as a label whose
    // value is a mapping, which no label may be, and whose key is not a label key (a label key
    // starts with a letter or digit): errors at its line too. Nothing else.
    const [label, key, ...costs] = errors(r);
    expect(label).toMatchObject({ file: 'proto.yaml', line: 12 });
    expect(label!.message).toMatch(
      /^metadata\.labels\.__proto__ is a mapping where Kubernetes expects a string/,
    );
    expect(key).toMatchObject({ file: 'proto.yaml', line: 12 });
    expect(key!.message).toBe(
      'label key "__proto__" is not valid: the API server would refuse Pod app/web',
    );
    expect(costs.length).toBeGreaterThan(0);
    for (const e of costs) {
      expect(e).toMatchObject({ file: 'proto.yaml', line: 35 });
      expect(e.message).toMatch(/^ThreatModel \/spec\/costs\/__proto__/);
    }
    // Normal results: the privileged pod is still read as privileged.
    expect(r.goals[0]).toMatchObject({ goal: 'node-root', mut: 0 });
    expect(r.goals[0]!.witness!.steps.map((s) => s.technique)).toContain('privileged-container');
  });

  it('reports duplicate keys as an error with line and column', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
  name: api
spec:
  containers: []
`;
    const r = analyzeBounded([{ path: 'dup.yaml', text }]);
    const e = errors(r);
    expect(e.length).toBeGreaterThan(0);
    expect(e[0]!.message).toMatch(/[Dd]uplicate|unique/);
    expect(e[0]).toMatchObject({ file: 'dup.yaml', line: 5, column: 3 });
  });

  it('reads a kind named like a member of every object as an unknown kind', () => {
    // Looked up in a plain object, `constructor` found Object itself as the kind's pod
    // template path, and reading the template threw.
    for (const kind of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const text = `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n  containers: []\n`;
      const r = analyzeBounded([{ path: 'odd.yaml', text }]);
      expect(r.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'info',
          message: expect.stringContaining(`${kind} is not modelled`),
        }),
      ]);
    }
  });

  it('says an unknown kind is not modelled (info)', () => {
    const text = `apiVersion: example.com/v1
kind: FrobnicatorPolicy
metadata:
  name: frob
`;
    const r = analyzeBounded([{ path: 'crd.yaml', text }]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'info',
        file: 'crd.yaml',
        line: 1,
        message: expect.stringMatching(/FrobnicatorPolicy is not modelled/),
      }),
    ]);
  });

  it('warns about a RoleBinding to a Role that is not there, naming both', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ghost-binding
  namespace: team-a
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ghost-role
subjects:
  - kind: User
    name: alice
`;
    const r = analyzeBounded([{ path: 'rb.yaml', text }]);
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/ghost-role/);
    expect(warnings[0]!.message).toMatch(/RoleBinding team-a\/ghost-binding/);
    expect(warnings[0]).toMatchObject({ file: 'rb.yaml', line: 1 });
  });

  it('keeps the other documents of a file when one document is malformed', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: app
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        privileged: true
---
apiVersion: v1
kind: ConfigMap
metadata: { name: broken
data:
  key: [unclosed
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  attacker:
    start: pod:app/web
  goals: [node-root]
`;
    const r = analyzeBounded([{ path: 'mixed.yaml', text }]);
    expect(errors(r).length).toBeGreaterThan(0);
    // Errors point into the broken document (lines 12 to 17, up to the marker that ends it).
    for (const e of errors(r)) {
      expect(e.line).toBeGreaterThanOrEqual(12);
      expect(e.line).toBeLessThanOrEqual(18);
    }
    expect(r.stats.objects).toBe(2);
    expect(r.goals).toHaveLength(1);
    expect(r.goals[0]).toMatchObject({ goal: 'node-root', mut: 0 });
  });
});
