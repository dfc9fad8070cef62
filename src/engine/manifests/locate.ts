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
import { Lines, locateInBlock, PathNode } from './blockLocate';
import type { KubeObject, ParsedDocument } from './document';

// Exact positions come from eemeli's `yaml`, parsed once per document and only for
// documents something points into. Most documents of a large cluster never need it.

interface Located {
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * What locating has learnt about a document, kept on it: parsed documents outlive an
 * analysis while their text is unchanged, and re-analysis after an edit asks for the same
 * fields again.
 */
export class DocumentPositions {
  /** Located paths and the block scan's steps, by path (see locateInBlock). */
  readonly root = new PathNode();
  lines: Lines | undefined = undefined;
  /** The precise parse; null when it failed. */
  parsed: Located | null | undefined = undefined;
}

function parsed(k: DocumentPositions, doc: ParsedDocument): Located | null {
  if (k.parsed !== undefined) return k.parsed;
  try {
    const lines = new LineCounter();
    k.parsed = { doc: parseDocument(doc.text, { lineCounter: lines }), lines };
  } catch {
    k.parsed = null;
  }
  return k.parsed;
}

function locateUncached(k: DocumentPositions, doc: ParsedDocument, path: JsonPath): SourceLocation {
  const block = locateInBlock((k.lines ??= new Lines(doc.text)), path, k.root);
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

/**
 * Where a field of an object is written (`[]` for the object itself): the key of the deepest
 * existing step of `path` then `subPath`, so a marker lands on `privileged: true` rather than
 * on the value alone. A path that does not exist (a missing field is often the finding)
 * resolves to its nearest ancestor. Walked in parts: callers' paths share prefixes (a pod
 * template's), and thousands of findings were spending more on joining them than on the walk.
 */
export function locate(
  object: KubeObject,
  path: JsonPath = none,
  subPath: JsonPath = none,
): SourceLocation {
  const { doc } = object;
  const k = (doc.positions ??= new DocumentPositions());
  let node = k.root;
  for (const step of object.path) node = node.child(step);
  for (const step of path) node = node.child(step);
  for (const step of subPath) node = node.child(step);
  return (node.located ??= locateUncached(k, doc, joined(object.path, path, subPath)));
}

/** The three parts as one path; most calls have one part only, which is read, never kept. */
function joined(a: JsonPath, b: JsonPath, c: JsonPath): JsonPath {
  if (a.length === 0 && c.length === 0) return b;
  if (a.length === 0 && b.length === 0) return c;
  return [...a, ...b, ...c];
}

const none: JsonPath = [];
