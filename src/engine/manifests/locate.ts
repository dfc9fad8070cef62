import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import type { JsonPath, SourceLocation } from '../types';
import { locateInBlock, type Step } from './blockLocate';
import type { KubeObject, ParsedDocument } from './document';

// Exact positions come from eemeli's `yaml`, parsed once per document and only for
// documents something points into. Most documents of a large cluster never need it.

interface Located {
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * What locating has learnt about a document, kept with it: parsed documents outlive an
 * analysis while their text is unchanged, and re-analysis after an edit asks for the same
 * fields again.
 */
interface Known {
  /** Located paths, by path. */
  located: Map<string, SourceLocation>;
  /** The block-scan's steps, by path prefix (see locateInBlock). */
  blocks: Map<string, Step>;
  lines?: string[];
  /** The precise parse; null when it failed. */
  parsed?: Located | null;
}

const known = new WeakMap<ParsedDocument, Known>();

function knownOf(doc: ParsedDocument): Known {
  let k = known.get(doc);
  if (!k) known.set(doc, (k = { located: new Map(), blocks: new Map() }));
  return k;
}

function linesOf(k: Known, doc: ParsedDocument): string[] {
  if (!k.lines) {
    const lines = doc.text.split('\n');
    for (let i = 0; i < lines.length; i++)
      if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
    k.lines = lines;
  }
  return k.lines;
}

function parsed(k: Known, doc: ParsedDocument): Located | null {
  if (k.parsed !== undefined) return k.parsed;
  try {
    const lines = new LineCounter();
    k.parsed = { doc: parseDocument(doc.text, { lineCounter: lines }), lines };
  } catch {
    k.parsed = null;
  }
  return k.parsed;
}

/**
 * The place of `path` inside a document: the key of the deepest existing step, so a
 * marker lands on `privileged: true` rather than on the value alone. A path that does
 * not exist (a missing field is often the finding) resolves to its nearest ancestor.
 */
export function locateInDocument(doc: ParsedDocument, path: JsonPath): SourceLocation {
  const k = knownOf(doc);
  const key = path.join('\u0000');
  let found = k.located.get(key);
  if (!found) k.located.set(key, (found = locateUncached(k, doc, path)));
  return found;
}

function locateUncached(k: Known, doc: ParsedDocument, path: JsonPath): SourceLocation {
  const block = locateInBlock(linesOf(k, doc), path, k.blocks);
  if (block) {
    const line = block.line + doc.startLine;
    return {
      file: doc.file,
      line,
      column: block.column + 1,
      endLine: line,
      endColumn: block.end + 1,
    };
  }
  const fallback: SourceLocation = { file: doc.file, line: doc.startLine, column: 1 };
  const found = parsed(k, doc);
  if (!found) return fallback;
  let node: unknown = found.doc.contents;
  let range: readonly number[] | undefined = (node as Node | null)?.range ?? undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
      );
      if (!pair) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      const keyRange = key.range;
      const valueRange = value?.range;
      range = keyRange && valueRange ? [keyRange[0], valueRange[1]] : (keyRange ?? undefined);
      node = value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      range = item.range ?? undefined;
      node = item;
    } else {
      break;
    }
  }
  if (!range) return fallback;
  const from = found.lines.linePos(range[0] ?? 0);
  const to = found.lines.linePos(range[1] ?? range[0] ?? 0);
  // A block value spans many lines; a marker reads better on the line that names it.
  const endOfFirstLine = doc.text.indexOf('\n', range[0] ?? 0);
  const oneLine = to.line === from.line;
  return {
    file: doc.file,
    line: from.line + doc.startLine - 1,
    column: from.col,
    endLine: from.line + doc.startLine - 1,
    endColumn: oneLine
      ? to.col
      : found.lines.linePos(endOfFirstLine === -1 ? doc.text.length : endOfFirstLine).col,
  };
}

/** A field of an object, located only when someone needs the position. */
export interface SourceRef {
  object: KubeObject;
  path: JsonPath;
}

export function ref(object: KubeObject, path: JsonPath = []): SourceRef {
  return { object, path };
}

export function resolve(at: SourceRef): SourceLocation {
  return locate(at.object, at.path);
}

/** Where a field of an object is written (`[]` for the object itself). */
export function locate(object: KubeObject, path: JsonPath = []): SourceLocation {
  return locateInDocument(object.doc, [...object.path, ...path]);
}
