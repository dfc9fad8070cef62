// The YAML worker never sees a text the engine would refuse as an alias bomb, nor a huge one.
import { describe, expect, it, vi } from 'vitest';
import * as parseFiles from '../../src/engine/manifests/parseFiles';
import { languageFor, yamlWorkerRefusal } from '../../src/ui/editor/yamlGuard';

// The guard calls through to the engine's alias check; spied on to see when it parses.
vi.mock('../../src/engine/manifests/parseFiles', async (original) => {
  const real = await original<typeof import('../../src/engine/manifests/parseFiles')>();
  return {
    ...real,
    checkAliases: vi.fn(real.checkAliases),
    splitDocuments: vi.fn(real.splitDocuments),
  };
});

/** 9 levels of 9 references: 81 aliases, 9^9 nodes once expanded. */
function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

describe('yamlWorkerRefusal', () => {
  it('lets an ordinary manifest through, and a few aliases', () => {
    expect(yamlWorkerRefusal('apiVersion: v1\nkind: Pod\nmetadata: { name: a }\n')).toBeNull();
    expect(yamlWorkerRefusal('a: &x { k: v }\nb: *x\nc: *x\n')).toBeNull();
    expect(languageFor('kind: Pod\n')).toBe('yaml');
  });

  it('refuses a billion laughs, in any document of the file, naming the limit', () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\n${billionLaughs()}`;
    expect(yamlWorkerRefusal(text)).toMatch(/\(the alias limit\): an alias bomb$/);
    expect(languageFor(text)).toBe('plaintext');
  });

  it('refuses more than 200 aliases', () => {
    const text = `a: &a x\nb: [${Array(201).fill('*a').join(', ')}]\n`;
    expect(yamlWorkerRefusal(text)).toMatch(/201 aliases, more than 200 \(the alias limit\)/);
  });

  it('refuses a huge text, naming the size limit', () => {
    const text = `a: "${'x'.repeat(1_200_000)}"\n`;
    expect(yamlWorkerRefusal(text)).toMatch(
      /1\.2 million characters, more than 1 million \(the editor's YAML size limit\)/,
    );
  });

  // It runs on each edit, so the usual manifest must cost one scan for `*` and `&`, not a
  // parse. (This was a timed assertion, under 50 ms, which failed on a loaded machine.)
  it('does not parse a large file without aliases (it runs on each edit)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata:\n'.repeat(5_000);
    vi.mocked(parseFiles.checkAliases).mockClear();
    vi.mocked(parseFiles.splitDocuments).mockClear();
    expect(yamlWorkerRefusal(text)).toBeNull();
    expect(parseFiles.splitDocuments).not.toHaveBeenCalled();
    expect(parseFiles.checkAliases).not.toHaveBeenCalled();
    // While a file with an anchor and an alias is checked, document by document.
    expect(yamlWorkerRefusal(`kind: ConfigMap\nx: &a 1\ny: *a\n`)).toBeNull();
    expect(parseFiles.checkAliases).toHaveBeenCalled();
  });
});
