// The alias-bomb check runs on every document with an anchor and an alias, in the engine and
// on the page's main thread (the editor's guard), so it must stay linear in the document.

import { describe, expect, it, vi } from 'vitest';
import * as yaml from 'yaml';
import { checkAliases } from '../../src/engine/manifests/parseFiles';

vi.mock('yaml', async (original) => {
  const real = await original<typeof import('yaml')>();
  return { ...real, parseDocument: vi.fn(real.parseDocument) };
});

const manyKeys = (n: number) =>
  'data:\n' + Array.from({ length: n }, (_, i) => `  k${i}: v\n`).join('') + '  x: &a 1\n  y: *a\n';

describe('checkAliases', () => {
  it("reads without the reader's duplicate-key check, which compares every pair of keys", () => {
    vi.mocked(yaml.parseDocument).mockClear();
    expect(checkAliases(manyKeys(50))).toBeUndefined();
    const calls = vi.mocked(yaml.parseDocument).mock.calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]![1]).toMatchObject({ uniqueKeys: false });
  });

  it('still refuses a billion laughs', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(checkAliases(lines.join('\n'))).toMatch(/alias/);
  });
});
