// The hostile-input corpus: inputs as data, each with the outcome it must have, for any
// runner (the engine's in corpus.test.ts; the CLI's can walk the same cases). Generated cases
// come from a seeded generator (the same seed, the same cases), hand-written ones pin each
// defect of issue #17. An outcome is one of:
//   'error'    at least one error diagnostic (matching `message` when given): a gate fails;
//   'analysis' no error diagnostic, and every goal analysed;
//   'any'      either, but never a crash, never a hang, never a silent drop (see noSilentDrop).
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { techniqueFixtures } from '../engine/fixtureFiles';

export interface CorpusFile {
  path: string;
  /** Text as the engine receives it (already decoded: bad bytes show as U+FFFD or NULs). */
  text: string;
}

export interface CorpusCase {
  name: string;
  files: CorpusFile[];
  expect: 'error' | 'analysis' | 'any';
  /** For 'error': what one of the error messages says. */
  message?: RegExp;
  /**
   * Bulk inputs (150,000 documents) only: their own limit. Reading them is linear, about 1 s
   * on an idle machine and several on a shared one; they test the call stack, not speed.
   */
  timeLimitMs?: number;
}

/** Every case must finish within this time (the issue's "never a hang over 2 s"). */
export const timeLimitMs = 2000;

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;
const int = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));

/** Inserts `insert` at the start of a random line of `text`, keeping that line's indentation. */
function atRandomLine(random: Random, text: string, insert: (indent: string) => string): string {
  const lines = text.split('\n');
  const i = int(random, 1, Math.max(1, lines.length - 1));
  const indent = /^\s*/.exec(lines[i] ?? '')?.[0] ?? '';
  lines.splice(i, 0, insert(indent));
  return lines.join('\n');
}

/** A mutation of a real manifest and the outcome it must have. */
interface Mutation {
  name: string;
  expect: CorpusCase['expect'];
  message?: RegExp;
  apply(random: Random, text: string): string;
}

const mutations: Mutation[] = [
  {
    name: 'an unknown tag',
    expect: 'error',
    message: /the tag !\w+ is not one MUT Lab knows/,
    apply: (random, text) =>
      text.replace(
        /^(\s*name: )(\S.*)$/m,
        `$1!${pick(random, ['vault', 'secret', 'ref', 'Sub'])} $2`,
      ),
  },
  {
    name: 'a control character',
    expect: 'error',
    message: /non-printable characters/,
    apply: (random, text) =>
      text.replace(
        /^(\s*name: \S+)/m,
        `$1${String.fromCharCode(pick(random, [1, 7, 8, 27, 127]))}x`,
      ),
  },
  {
    name: 'kind removed',
    expect: 'error',
    message: /has no kind, so it was not read/,
    apply: (_, text) => text.replace(/^kind: .*$/m, ''),
  },
  {
    name: 'apiVersion removed',
    expect: 'error',
    message: /has no apiVersion, so it was not read/,
    apply: (_, text) => text.replace(/^apiVersion: .*$/m, ''),
  },
  {
    name: 'a scalar document appended',
    expect: 'error',
    message: /this document is not a Kubernetes object/,
    apply: (random, text) => `${text}\n---\n${pick(random, ['hello', '42', 'true', '"text"'])}\n`,
  },
  {
    name: 'saved as UTF-16',
    expect: 'error',
    message: /UTF-16/,
    apply: (random, text) =>
      new TextDecoder(pick(random, ['utf-8', 'latin1'])).decode(
        Buffer.from(`\uFEFF${text}`, 'utf16le'),
      ),
  },
  {
    name: 'a byte that is not UTF-8',
    expect: 'error',
    message: /not valid UTF-8/,
    apply: (random, text) => {
      const bytes = Buffer.from(text, 'utf8');
      const at = bytes.indexOf('name: ') + 6;
      bytes[at] = pick(random, [0x80, 0xc3, 0xe9, 0xff]);
      return new TextDecoder('utf-8').decode(bytes);
    },
  },
  {
    name: 'nested past the nesting limit',
    expect: 'error',
    message: /the nesting limit/,
    apply: (random, text) =>
      `${text}\n---\n${'['.repeat(int(random, 101, 3000))}${']'.repeat(1)}\n`,
  },
  {
    name: 'an alias bomb added',
    expect: 'error',
    message: /the alias limit/,
    apply: (random, text) => {
      const width = int(random, 5, 10);
      const lines = ['bomb:', `  l0: &l0 [${Array(width).fill('x').join(', ')}]`];
      for (let i = 1; i < 10; i++)
        lines.push(
          `  l${i}: &l${i} [${Array(width)
            .fill(`*l${i - 1}`)
            .join(', ')}]`,
        );
      return `${text}\n---\n${lines.join('\n')}\n`;
    },
  },
  {
    name: 'a few harmless aliases',
    expect: 'any',
    apply: (_, text) =>
      `${text}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: &m { name: aliased, namespace: default }\ndata: { a: x }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: copy, labels: { <<: { app: x } } }\n`,
  },
  {
    name: 'the same manifest, many times',
    expect: 'any',
    apply: (random, text) =>
      Array(int(random, 20, 200))
        .fill(text)
        .join('\n---\n'),
  },
  {
    name: 'a value of the wrong type',
    expect: 'any',
    apply: (random, text) =>
      text.replace(
        pick(random, [
          /^(\s*)containers:.*$/m,
          /^(\s*)rules:.*$/m,
          /^(\s*)subjects:.*$/m,
          /^(\s*)spec:.*$/m,
        ]),
        `$1${pick(random, ['containers', 'rules', 'subjects', 'spec'])}: ${pick(random, ['"a string"', '42', 'null', '[1, 2]', '{}', 'true'])}`,
      ),
  },
  {
    name: 'a line deleted',
    expect: 'any',
    apply: (random, text) => {
      const lines = text.split('\n');
      lines.splice(int(random, 0, lines.length - 1), 1);
      return lines.join('\n');
    },
  },
  {
    name: 'a line indented wrongly',
    expect: 'any',
    apply: (random, text) => atRandomLine(random, text, (indent) => `${indent} broken: [x`),
  },
  {
    name: 'random characters inserted',
    expect: 'any',
    apply: (random, text) => {
      const at = int(random, 0, text.length);
      const junk = Array.from({ length: int(random, 1, 8) }, () =>
        pick(random, [
          '{',
          '}',
          '[',
          ']',
          ':',
          '-',
          '&',
          '*',
          '!',
          '|',
          '>',
          '"',
          "'",
          '#',
          '%',
          '@',
          '`',
          '\t',
          '\n',
          '\r',
          '\u2028',
          '\uFEFF',
          '\uD800',
        ]),
      ).join('');
      return text.slice(0, at) + junk + text.slice(at);
    },
  },
  {
    name: 'truncated',
    expect: 'any',
    apply: (random, text) => text.slice(0, int(random, 0, text.length)),
  },
  {
    name: 'prototype keys',
    expect: 'any',
    apply: (random, text) =>
      atRandomLine(
        random,
        text,
        (indent) =>
          `${indent}${pick(random, ['__proto__', 'constructor', 'prototype'])}: { polluted: true }`,
      ),
  },
];

/** YAML that js-yaml writes from a random JSON-like value. */
function randomYaml(seed: number): string {
  const [value] = fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed, numRuns: 1 });
  return dump(value, { noRefs: true });
}

/** Pieces of YAML that make hostile text when strung together at random. */
export const yamlTokens: readonly string[] = [
  '---',
  '...',
  '\n',
  '  ',
  '- ',
  ': ',
  '? ',
  'apiVersion: v1',
  'kind: Pod',
  'kind: List',
  'items:',
  'metadata:',
  'name: x',
  '&a ',
  '*a',
  '<<: *a',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '|',
  '>-',
  '#',
  '!!binary',
  '!!python/object',
  '!custom',
  '%YAML 1.2',
  '%TAG ! tag:x,2000:',
  '\t',
  '__proto__:',
  '~',
  '0x1F',
  '\u0000',
  '\u001b[31m',
  '\r',
];

/** A random string of YAML tokens. */
function tokenSoup(random: Random): string {
  return Array.from({ length: int(random, 1, 80) }, () => pick(random, yamlTokens)).join('');
}

/**
 * `count` cases from `seed`: mutated technique fixtures (each mutation with its outcome),
 * random YAML values, token soup, and many-document and many-file inputs.
 */
export function generatedCases(seed = 17, count = 1200): CorpusCase[] {
  const random = seeded(seed);
  const fixtures = techniqueFixtures();
  const cases: CorpusCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random();
    if (kind < 0.7) {
      const fixture = pick(random, fixtures);
      const mutation = pick(random, mutations);
      cases.push({
        name: `#${i} ${fixture.path}: ${mutation.name}`,
        files: [{ path: fixture.path, text: mutation.apply(random, fixture.text) }],
        expect: mutation.expect,
        ...(mutation.message ? { message: mutation.message } : {}),
      });
    } else if (kind < 0.82) {
      cases.push({
        name: `#${i} random YAML value`,
        files: [{ path: 'random.yaml', text: randomYaml(int(random, 0, 2 ** 31)) }],
        expect: 'any',
      });
    } else if (kind < 0.94) {
      cases.push({
        name: `#${i} token soup`,
        files: [{ path: 'soup.yaml', text: tokenSoup(random) }],
        expect: 'any',
      });
    } else {
      const files = Array.from({ length: int(random, 2, 40) }, (_, f) => {
        const fixture = pick(random, fixtures);
        return { path: `many/${f}-${fixture.name}.yaml`, text: fixture.text };
      });
      cases.push({ name: `#${i} ${files.length} real files together`, files, expect: 'any' });
    }
  }
  return cases;
}

const privilegedPod = `apiVersion: v1
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
`;

function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

/** One case per defect of issue #17 (and the classics), each with its outcome. */
export const handWrittenCases: CorpusCase[] = [
  {
    name: 'an unknown tag in an annotation does not drop the document silently',
    files: [
      {
        path: 'pod.yaml',
        text: privilegedPod.replace(
          '  namespace: app\n',
          '  namespace: app\n  annotations:\n    note: !vault secret/argocd\n',
        ),
      },
    ],
    expect: 'error',
    message: /the tag !vault is not one MUT Lab knows/,
  },
  {
    name: 'a billion laughs',
    files: [{ path: 'bomb.yaml', text: billionLaughs() }],
    expect: 'error',
    message: /the alias limit/,
  },
  {
    name: '150,000 tiny documents (a 2 MB file)',
    files: [
      { path: 'tiny.yaml', text: Array.from({ length: 150_000 }, () => '{a: 1}').join('\n---\n') },
    ],
    expect: 'error',
    message: /the per-file diagnostics limit/,
    timeLimitMs: 15_000,
  },
  {
    name: 'one error per document in 110,000 documents',
    files: [
      { path: 'broken.yaml', text: Array.from({ length: 110_000 }, () => 'a: [').join('\n---\n') },
    ],
    expect: 'error',
    message: /the per-file error limit/,
    timeLimitMs: 15_000,
  },
  {
    name: 'nesting over 100 levels says so, with its line',
    files: [
      {
        path: 'deep.yaml',
        text: Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n',
      },
    ],
    expect: 'error',
    message: /more than 100 levels deep \(the nesting limit\)/,
  },
  {
    name: 'UTF-16 is called UTF-16',
    files: [
      {
        path: 'utf16.yaml',
        text: new TextDecoder('utf-8').decode(Buffer.from(`\uFEFF${privilegedPod}`, 'utf16le')),
      },
    ],
    expect: 'error',
    message: /UTF-16/,
  },
  {
    name: 'invalid UTF-8 is not replaced silently',
    files: [
      {
        path: 'latin1.yaml',
        text: new TextDecoder('utf-8').decode(
          Buffer.from(privilegedPod.replace('nginx', 'nginx\u00e9'), 'latin1'),
        ),
      },
    ],
    expect: 'error',
    message: /not valid UTF-8/,
  },
  {
    name: 'a file of 10 MB',
    files: [{ path: 'big.yaml', text: `a: "${'x'.repeat(10 * 1024 * 1024)}"\n` }],
    expect: 'error',
    message: /the file size limit/,
  },
  {
    // The API server refuses such a Pod name (a DNS-1123 subdomain): an error, said escaped.
    name: 'escape sequences and newlines in a Pod name are refused as the API server refuses them',
    files: [
      {
        path: 'names.yaml',
        text: privilegedPod.replace('name: web', 'name: "web\\e[2J\\rOK: all good\\n::error ::x"'),
      },
    ],
    expect: 'error',
    message:
      /^Pod app\/web.\[2J\rOK: all good\n::error ::x: the API server would refuse it: its name/,
  },
  {
    // An RBAC name is any path segment, control characters included: read as data.
    name: 'escape sequences and newlines in RBAC names are read as data (the CLI escapes them)',
    files: [
      {
        path: 'names.yaml',
        text: [
          'apiVersion: rbac.authorization.k8s.io/v1',
          'kind: ClusterRoleBinding',
          'metadata: { name: "b\\e[2J\\rOK: all good\\n::error ::x" }',
          'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }',
          'subjects: [{ kind: Group, name: "g\\e[2J\\rOK\\n::error ::y" }]',
          '',
        ].join('\n'),
      },
    ],
    expect: 'analysis',
  },
  {
    name: 'a ThreatModel goal that is not a goal',
    files: [
      {
        path: 'tm.yaml',
        text: 'apiVersion: mutlab.dev/v1alpha1\nkind: ThreatModel\nmetadata: { name: t }\nspec:\n  goals: [node-root, "root!"]\n',
      },
    ],
    expect: 'error',
    message: /ThreatModel \/spec\/goals\/1/,
  },
  {
    name: 'a value of the wrong type in a known kind is an error, not a field read as absent',
    files: [
      {
        path: 'pod.yaml',
        text: privilegedPod.replace(/ {2}containers:[^]*$/, '  containers: "nginx"\n'),
      },
      {
        path: 'binding.yaml',
        text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: b }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\nsubjects: foo\n',
      },
    ],
    expect: 'error',
    message: /^(spec\.containers|subjects) is a string where Kubernetes expects a list/,
  },
  {
    name: 'a Secret with 150,000 data keys (1.8 MB) is read, not a stack overflow',
    files: [
      {
        path: 'secret.yaml',
        text: `apiVersion: v1\nkind: Secret\nmetadata: { name: many, namespace: app }\nstringData:\n${Array.from({ length: 150_000 }, (_, i) => `  k${i}: v\n`).join('')}`,
      },
    ],
    expect: 'analysis',
    timeLimitMs: 15_000,
  },
  {
    name: 'a Pod of 100,000 containers (over 3 MiB) is refused by its size, not read for minutes',
    files: [
      {
        path: 'pod.yaml',
        text: `apiVersion: v1\nkind: Pod\nmetadata: { name: wide, namespace: app }\nspec:\n  containers:\n${Array.from({ length: 100_000 }, (_, i) => `    - { name: c${i}, image: busybox, securityContext: { privileged: true } }\n`).join('')}`,
      },
    ],
    expect: 'error',
    message:
      /Pod is \d+\.\d MB: kube-apiserver refuses objects over 3 MiB \(the object size limit\)/,
    timeLimitMs: 15_000,
  },
  {
    name: 'a plain, valid manifest',
    files: [{ path: 'pod.yaml', text: privilegedPod }],
    expect: 'analysis',
  },
];
