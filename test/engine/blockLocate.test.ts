import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { Lines, locateInBlock, PathNode } from '../../src/engine/manifests/blockLocate';
import { splitDocuments } from '../../src/engine/manifests/parseFiles';

// The fast line-scan locator must agree with eemeli's parser wherever it answers at all.

const corpus = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'corpus');
const folders = [
  'kubehound/attacks',
  'kubernetes-goat/cluster',
  'pod-security-admission/restricted/v1.37/fail',
  'pod-security-admission/baseline/v1.37/fail',
];

function* paths(
  node: unknown,
  path: (string | number)[] = [],
): Generator<{ path: (string | number)[]; offset: number }> {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const next = [...path, String(pair.key.value)];
      yield { path: next, offset: pair.key.range[0] };
      yield* paths(pair.value, next);
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const range = (item as Node | null)?.range;
      if (!range) continue;
      yield { path: [...path, i], offset: range[0] };
      yield* paths(item, [...path, i]);
    }
  }
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('the block-YAML locator', () => {
  it('finds the same line as the full parser for every field of the corpus manifests', () => {
    let agreed = 0;
    let deferred = 0;
    const disagreements: string[] = [];
    for (const folder of folders) {
      for (const file of readdirSync(join(corpus, folder)).filter((f) => f.endsWith('.yaml'))) {
        for (const slice of splitDocuments(readFileSync(join(corpus, folder, file), 'utf8'))) {
          const lines = new LineCounter();
          const doc = parseDocument(slice.text, { lineCounter: lines });
          const scanned = new Lines(slice.text);
          const known = new PathNode();
          for (const { path, offset } of paths(doc.contents)) {
            // Each path alone, and with what earlier paths found: both must agree.
            const found = locateInBlock(scanned, path);
            const again = locateInBlock(scanned, path, known);
            const { line, col } = lines.linePos(offset);
            // A key's column is the key's; an item's is its dash, left of the item's content.
            const isKey = typeof path.at(-1) === 'string';
            if (!found) deferred++;
            else if (
              found.line === line - 1 &&
              (isKey ? found.column === col - 1 : found.column < col - 1) &&
              equal(found, again)
            )
              agreed++;
            else disagreements.push(`${folder}/${file} ${path.join('.')}`);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(agreed).toBeGreaterThan(3000);
    // Flow collections and the like are left to the precise parser, not guessed.
    expect(deferred).toBeLessThan(agreed / 5);
  });

  it('answers with the nearest existing ancestor for a missing field', () => {
    const text = 'spec:\n  containers:\n    - name: app\n      image: nginx\n';
    expect(
      locateInBlock(text, ['spec', 'containers', 0, 'securityContext', 'privileged']),
    ).toMatchObject({ line: 2 });
  });

  it('defers to the precise parser for flow collections', () => {
    expect(
      locateInBlock('metadata: {name: x, labels: {a: b}}', ['metadata', 'labels', 'a']),
    ).toBeUndefined();
  });

  it('reads through Windows line ends and a comment after a key', () => {
    const text = 'spec: # the pod\r\n  containers:\r\n    - name: app\r\n      image: nginx  \r\n';
    expect(locateInBlock(text, ['spec', 'containers', 0, 'image'])).toEqual({
      line: 3,
      column: 6,
      end: 18,
    });
  });

  it('finds every item of a kubectl List, asked in any order through one shared tree', () => {
    // `kubectl get -A -o yaml` writes one List; its items are found from one scan of the
    // dashes, and a node with thousands of children looks them up by key.
    const items = Array.from(
      { length: 300 },
      (_, i) =>
        `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p${i}\n  spec:\n    containers:\n    - name: c\n      image: nginx\n`,
    );
    const text = `apiVersion: v1\nkind: List\nitems:\n${items.join('')}metadata:\n  resourceVersion: ""\n`;
    const lines = new Lines(text);
    const known = new PathNode();
    const order = Array.from({ length: 300 }, (_, i) => (i * 7919) % 300);
    for (const i of order) {
      const at = 3 + 8 * i;
      expect(locateInBlock(lines, ['items', i, 'metadata', 'name'], known)).toMatchObject({
        line: at + 3,
        column: 4,
      });
      expect(locateInBlock(lines, ['items', i], known)).toMatchObject({ line: at, column: 0 });
      expect(
        locateInBlock(lines, ['items', i, 'spec', 'containers', 0, 'image'], known),
      ).toMatchObject({ line: at + 7, column: 6 });
    }
    expect(locateInBlock(lines, ['items', 300], known)).toMatchObject({ line: 2 });
  });

  it('finds items before a line that ends the sequence oddly, and defers after it', () => {
    const text = 'list:\n  - a\n  - b\n  odd: c\n  - d\n';
    const known = new PathNode();
    expect(locateInBlock(text, ['list', 1], known)).toMatchObject({ line: 2 });
    expect(locateInBlock(text, ['list', 2], known)).toBeUndefined();
    expect(locateInBlock(text, ['list', 0], known)).toMatchObject({ line: 1 });
  });

  it('measures lines indented beyond what its table holds when asked', () => {
    // The table keeps indentation in 16 bits; a deeper line (hostile or generated input)
    // must still be placed at its own column, and its siblings found below it.
    const pad = ' '.repeat(40_000);
    const text = `a:\n${pad}b:\n${pad}  c: 1\n${pad}d: 2\n\n# done\ne: 3\n`;
    const lines = new Lines(text);
    expect(lines.indent(1)).toBe(40_000);
    expect(lines.indent(4)).toBe(-1);
    expect(lines.indent(5)).toBe(-1);
    expect(locateInBlock(lines, ['a', 'b', 'c'])).toEqual({ line: 2, column: 40_002, end: 40_006 });
    expect(locateInBlock(lines, ['a', 'd'])).toEqual({ line: 3, column: 40_000, end: 40_004 });
    expect(locateInBlock(lines, ['e'])).toEqual({ line: 6, column: 0, end: 4 });
  });

  it("keeps each text's lines apart when many tables share storage, and a long text's own", () => {
    // Small texts' tables are cut from shared slabs: tens of thousands of lines, in texts of
    // every length, must each find their own lines, before and after a slab fills, with a
    // text far longer than a slab's share among them.
    const made: { lines: Lines; extra: number }[] = [];
    for (let i = 0; i < 4_000; i++) {
      const extra = i === 1_234 ? 6_000 : i % 17;
      const padding = Array.from({ length: extra }, (_, j) => `  k${j}: ${j}\n`).join('');
      const text = `kind: Pod\nspec:\n${padding}  containers:\n    - name: c${i}\n\n`;
      made.push({ lines: new Lines(text), extra });
    }
    for (const [i, { lines, extra }] of made.entries()) {
      expect(lines.count).toBe(extra + 6);
      expect(locateInBlock(lines, ['spec', 'containers', 0, 'name'])).toEqual({
        line: extra + 3,
        column: 6,
        end: 13 + String(i).length,
      });
      expect(lines.indent(extra + 4)).toBe(-1);
    }
  });
});
