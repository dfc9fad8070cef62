// Re-analysis after an edit reuses what did not change (parsed files and documents, and
// what is cached on them: positions, Pod Security verdicts). These tests pin down that the
// reuse never shows through: the answer after an edit equals the answer of a fresh run.

import { describe, expect, it } from 'vitest';
import { analyze, type InputFile } from '../../src/engine/index.ts';
import { clearParseCache, parseFiles } from '../../src/engine/manifests/parseFiles.ts';

const pod = (name: string, privileged: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default
spec:
  containers:
    - name: main
      image: nginx
      securityContext:
        privileged: ${privileged}
`;

const file = (text: string): InputFile[] => [{ path: 'pods.yaml', text }];

function fresh(files: InputFile[]) {
  clearParseCache();
  return analyze(files);
}

describe('re-analysis after an edit', () => {
  it('keeps the documents an edit did not touch, and re-reads the edited one', () => {
    clearParseCache();
    const before = parseFiles(file(`${pod('a', false)}---\n${pod('b', false)}`)).documents;
    const after = parseFiles(file(`${pod('a', true)}---\n${pod('b', false)}`)).documents;
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    // The same text again: the very same documents.
    const again = parseFiles(file(`${pod('a', true)}---\n${pod('b', false)}`)).documents;
    expect(again[0]).toBe(after[0]);
  });

  it('re-reads a document that moved, so its positions follow it', () => {
    clearParseCache();
    const base = `${pod('a', false)}---\n${pod('b', true)}`;
    analyze(file(base));
    // One more line in the first document shifts the second one down.
    const shifted = `${pod('a', false).replace('image: nginx', 'image: nginx\n      tty: true')}---\n${pod('b', true)}`;
    const edited = analyze(file(shifted));
    expect(edited.findings).toEqual(fresh(file(shifted)).findings);
    const privileged = edited.findings.find((f) => f.check === 'pss:baseline/privileged');
    const line = shifted.split('\n').findIndex((l) => l.includes('privileged: true')) + 1;
    expect(privileged?.location.line).toBe(line);
  });

  it('keeps what a moved document read, though not its place', () => {
    clearParseCache();
    const before = parseFiles(file(`${pod('a', false)}---\n${pod('b', true)}`)).documents;
    const shifted = `# a comment above\n${pod('a', false)}---\n${pod('b', true)}`;
    const after = parseFiles(file(shifted)).documents;
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.startLine).toBe(before[1]!.startLine + 1);
    expect(after[1]!.value).toBe(before[1]!.value);
  });

  it('gives the answer a fresh run gives, edit after edit', () => {
    clearParseCache();
    const versions = [
      `${pod('a', false)}---\n${pod('b', false)}`,
      `${pod('a', true)}---\n${pod('b', false)}`,
      `${pod('a', true)}---\n${pod('b', true)}`,
      `${pod('a', false)}---\n${pod('b', true)}`,
      `${pod('a', false)}---\n${pod('b', false)}`,
    ];
    const incremental = versions.map((text) => analyze(file(text)));
    versions.forEach((text, i) => {
      const { stats: _a, ...expected } = fresh(file(text));
      const { stats: _b, ...actual } = incremental[i]!;
      expect(actual).toEqual(expected);
    });
  });
});
