import type { JsonPath, SourceLocation } from '../types';

// Most manifests are block-style YAML, where the line of a field follows from indentation
// alone. Scanning lines finds it far faster than a full parse, which matters when a large
// cluster has thousands of findings. Anything unusual (flow collections, anchors, complex
// keys) answers "unsupported" and the precise parser takes over.
//
// The scan reads the document's text in place, through a table of where each line starts:
// splitting thousands of documents into line strings was most of what locating allocated.

export interface LinePosition {
  /** 0-based line within the text, and 0-based column of the key (or item dash). */
  line: number;
  column: number;
  /** 0-based column where the line's content ends. */
  end: number;
}

/** An entry found: its line, and the lines [from, to) below it whose entries start at `indent`. */
interface Block extends LinePosition {
  from: number;
  to: number;
  indent: number;
  /**
   * Where the block's sequence items start, found in one scan when the first item is asked
   * for. A `kubectl get -o yaml` dump is one List of 100,000 items: finding item i by
   * counting dashes from the top made locating its objects quadratic.
   */
  items: SequenceItems | undefined;
}

interface SequenceItems {
  /** The line of each item's dash, in order. */
  starts: number[];
  /** A line at the block's indentation that is not a dash came after the last item. */
  unsupportedAfter: boolean;
}

function block(
  lines: Lines,
  line: number,
  column: number,
  from: number,
  to: number,
  indent: number,
): Block {
  return { line, column, end: lines.stop(line), from, to, indent, items: undefined };
}

export type Step = Block | 'missing' | 'unsupported';

/** Above this many children a node looks them up in a Map (a List's thousands of items). */
const chainLimit = 8;

/**
 * What is known about one path into a document: the step that reaches it from its parent
 * (found once), its source location once asked for, and the paths below it. A document is
 * asked for paths with long common prefixes (a container's fields), so they share nodes.
 * Children are a chain (first child, then each one's sibling), not a Map or an array: a
 * node has a handful, thousands of documents each hold a tree, and an array holds room
 * for seventeen once a second child is pushed.
 */
export class PathNode {
  step: Step | undefined = undefined;
  located: SourceLocation | undefined = undefined;
  private firstChild: PathNode | undefined = undefined;
  private sibling: PathNode | undefined = undefined;
  private childCount = 0;
  /** Every child by key, once there are more than `chainLimit`. */
  private byKey: Map<string | number, PathNode> | undefined = undefined;

  constructor(readonly key: string | number = '') {}

  child(key: string | number): PathNode {
    if (this.byKey) {
      let found = this.byKey.get(key);
      if (!found) this.byKey.set(key, (found = new PathNode(key)));
      return found;
    }
    for (let c = this.firstChild; c !== undefined; c = c.sibling) if (c.key === key) return c;
    const child = new PathNode(key);
    child.sibling = this.firstChild;
    this.firstChild = child;
    if (++this.childCount > chainLimit) {
      this.byKey = new Map();
      for (let c: PathNode | undefined = this.firstChild; c !== undefined; c = c.sibling)
        this.byKey.set(c.key, c);
      this.firstChild = undefined;
    }
    return child;
  }
}

/**
 * A text's lines: where each starts, and its indentation (-1 for a line without content:
 * blank or a comment). Six bytes a line. A `kubectl get -o yaml` dump is one document of a
 * million lines and more: the first table (three numbers a line, built in a scratch table
 * that doubled as it filled and stayed allocated) held 41 MB at 50,000 objects for the
 * analysis' whole life, a tenth of its memory above the YAML reader's. Where a line's
 * content ends is asked of a few lines only, and found when asked.
 *
 * A small text's table is a stretch of a shared slab (see `slab`), filled in one pass: a
 * typed array of its own per document cost more to allocate (each has a backing store of
 * its own) than to fill, and counting the lines first was a second pass over the text.
 */
export class Lines {
  readonly count: number;
  private readonly starts: Int32Array;
  /** Indentation, or -1 (no content), or `deep` (found when asked: it does not fit). */
  private readonly indents: Int16Array;
  /** Where this text's lines begin in `starts` and `indents`. */
  private readonly at: number;

  constructor(readonly text: string) {
    let count = fill(text, slab.starts, slab.indents, slab.used);
    if (count !== -1) {
      this.starts = slab.starts;
      this.indents = slab.indents;
      this.at = slab.used;
      slab.used += count;
    } else {
      count = 1;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) count++;
      if (count > slabLines / 8) {
        this.starts = new Int32Array(count);
        this.indents = new Int16Array(count);
      } else {
        slab = { starts: new Int32Array(slabLines), indents: new Int16Array(slabLines), used: 0 };
        this.starts = slab.starts;
        this.indents = slab.indents;
        slab.used = count;
      }
      this.at = 0;
      fill(text, this.starts, this.indents, 0);
    }
    this.count = count;
  }

  start(line: number): number {
    return this.starts[this.at + line]!;
  }

  /** The offset of the line's `\n`, or the text's end on the last line. */
  private end(line: number): number {
    return line + 1 < this.count ? this.starts[this.at + line + 1]! - 1 : this.text.length;
  }

  /** The line's indentation, or -1 when it holds no content. */
  indent(line: number): number {
    const indent = this.indents[this.at + line]!;
    return indent !== deep ? indent : indentOf(this.text, this.start(line), this.end(line));
  }

  /** The column where the line's content ends (trailing blanks and `\r` excluded). */
  stop(line: number): number {
    const start = this.start(line);
    let stop = this.end(line);
    while (stop > start && isBlank(this.text.charCodeAt(stop - 1))) stop--;
    return stop - start;
  }

  /** The character code at `column` of `line`. */
  code(line: number, column: number): number {
    return this.text.charCodeAt(this.start(line) + column);
  }

  /** The first column at or after `column` that is not a space or tab. */
  skipBlanks(line: number, column: number): number {
    const stop = this.stop(line);
    while (column < stop && isBlank(this.code(line, column))) column++;
    return column;
  }

  /** Whether `s` is written at `column` of `line` (compared by character: `startsWith` cost more). */
  startsWith(line: number, column: number, s: string): boolean {
    const text = this.text;
    const from = this.start(line) + column;
    if (from + s.length > text.length) return false;
    for (let i = 0; i < s.length; i++)
      if (text.charCodeAt(from + i) !== s.charCodeAt(i)) return false;
    return true;
  }

  nextContent(from: number, to: number): number {
    for (let i = from; i < to; i++) if (this.indent(i) >= 0) return i;
    return -1;
  }
}

/** Lines per slab: 192 KB. A text of more than an eighth of it gets tables of its own. */
const slabLines = 1 << 15;

/**
 * The slab small texts' tables are cut from, and how much of it is taken. A slab lives as
 * long as any text cut from it; those texts are kept together (a file's documents), so
 * little of a live slab is a dropped text's.
 */
let slab = { starts: new Int32Array(slabLines), indents: new Int16Array(slabLines), used: 0 };

/**
 * Writes the lines of `text` into the tables from `at`: the number of lines, or -1 when
 * they do not fit (what was written is then garbage, past every table's end).
 */
function fill(text: string, starts: Int32Array, indents: Int16Array, at: number): number {
  const room = starts.length - at;
  let line = 0;
  let start = 0;
  for (;;) {
    if (line >= room) return -1;
    starts[at + line] = start;
    const nl = text.indexOf('\n', start);
    const lineEnd = nl === -1 ? text.length : nl;
    const indent = indentOf(text, start, lineEnd);
    indents[at + line] = indent < deep ? indent : deep;
    line++;
    if (nl === -1) return line;
    start = nl + 1;
  }
}

/** The largest indentation the table holds; deeper lines are measured again when asked. */
const deep = 0x7fff;

/** The spaces before the content of the line [start, end), or -1: blank, or a comment. */
function indentOf(text: string, start: number, end: number): number {
  let p = start;
  while (text.charCodeAt(p) === 32) p++;
  let q = p;
  while (q < end && isBlank(text.charCodeAt(q))) q++;
  return q < end && text.charCodeAt(q) !== 35 /* # */ ? p - start : -1;
}

/** Space, tab or carriage return. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

const DASH = 45;
const COLON = 58;
const HASH = 35;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** A table of the ASCII characters in `chars`, by character code. */
function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (const c of chars) set[c.charCodeAt(0)] = 1;
  return set;
}

/** Where a value starts a flow collection, anchor, alias, tag or block scalar. */
const unsupportedValue = charSet('{[&*!|>');
/** Where a key would be a flow mapping, a complex key, an anchor or a tag. */
const unsupportedKey = charSet('{[?&!');

/** A quoted key's text, and the length of `"key":` (through the colon). */
function quotedKey(content: string): { key: string; length: number } | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s|$)/.exec(content);
  if (!m) return undefined;
  const raw = m[1]!;
  const key = raw.startsWith('"')
    ? raw.slice(1, -1).replace(/\\"/g, '"')
    : raw.slice(1, -1).replace(/''/g, "'");
  return { key, length: m[0].trimEnd().length };
}

/**
 * The column of the colon after the key `name` that starts at `column`, or -1 when the
 * line's key there is another one.
 */
function colonAfterKey(lines: Lines, line: number, column: number, name: string): number {
  const first = lines.code(line, column);
  if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
    const start = lines.start(line);
    const found = quotedKey(lines.text.slice(start + column, start + lines.stop(line)));
    return found && found.key === name ? column + found.length - 1 : -1;
  }
  if (name === '' || !lines.startsWith(line, column, name)) return -1;
  const colon = lines.skipBlanks(line, column + name.length);
  if (lines.code(line, colon) !== COLON) return -1;
  const after = colon + 1;
  return after >= lines.stop(line) || isBlank(lines.code(line, after)) ? colon : -1;
}

/**
 * The value below the entry on line `at` whose key or dash stands at `column`: the lines
 * that follow, up to the next entry at that column or left of it. A block sequence may sit
 * at the key's own column (`containers:` then `- name:`), so dashes there still belong.
 * `inline`: the entry has its value on its own line (a scalar), so nothing is below it.
 */
function valueBlock(lines: Lines, at: number, to: number, column: number, inline: boolean): Block {
  const first = lines.nextContent(at + 1, to);
  const seqAtColumn =
    first !== -1 && lines.indent(first) === column && lines.startsWith(first, column, '- ');
  let end = to;
  for (let i = at + 1; i < to; i++) {
    const indent = lines.indent(i);
    if (indent < 0) continue;
    if (
      indent < column ||
      (indent === column && !(seqAtColumn && lines.code(i, column) === DASH))
    ) {
      end = i;
      break;
    }
  }
  if (inline || first === -1 || first >= end)
    return block(lines, at, column, at + 1, at + 1, column + 2);
  return block(lines, at, column, at + 1, end, lines.indent(first));
}

function findKey(lines: Lines, within: Block, name: string): Step {
  for (let i = within.from; i < within.to; i++) {
    let column = lines.indent(i);
    if (column < 0) continue;
    if (i === within.from && column < within.indent && lines.startsWith(i, column, '- ')) {
      // The first entry of a sequence item shares the line with its dash.
      column = lines.skipBlanks(i, column + 1);
    }
    if (column !== within.indent) continue;
    const first = lines.code(i, column);
    if (unsupportedKey[first] === 1) return 'unsupported';
    const colon = colonAfterKey(lines, i, column, name);
    if (colon === -1) continue;
    const value = lines.skipBlanks(i, colon + 1);
    const inline = value < lines.stop(i) && lines.code(i, value) !== HASH;
    if (inline && unsupportedValue[lines.code(i, value)] === 1)
      return block(lines, i, column, i, i, -1);
    return valueBlock(lines, i, within.to, column, inline);
  }
  return 'missing';
}

/** The block's items: every line at its indentation that is a dash, up to one that is not. */
function sequenceItems(lines: Lines, within: Block): SequenceItems {
  const starts: number[] = [];
  for (let i = within.from; i < within.to; i++) {
    const dash = lines.indent(i);
    if (dash !== within.indent) continue;
    if (lines.code(i, dash) !== DASH) return { starts, unsupportedAfter: true };
    starts.push(i);
  }
  return { starts, unsupportedAfter: false };
}

function findItem(lines: Lines, within: Block, index: number): Step {
  const items = (within.items ??= sequenceItems(lines, within));
  if (index >= items.starts.length) return items.unsupportedAfter ? 'unsupported' : 'missing';
  const i = items.starts[index]!;
  const dash = within.indent;
  const rest = lines.skipBlanks(i, dash + 1);
  const empty = rest >= lines.stop(i) || lines.code(i, rest) === HASH;
  if (!empty && unsupportedValue[lines.code(i, rest)] === 1) return 'unsupported';
  // Entries after the dash continue on the following lines at the same column.
  let end = within.to;
  for (let j = i + 1; j < within.to; j++) {
    const indent = lines.indent(j);
    if (indent >= 0 && indent <= dash) {
      end = j;
      break;
    }
  }
  if (empty) {
    const first = lines.nextContent(i + 1, end);
    return first === -1
      ? block(lines, i, dash, i + 1, i + 1, dash + 2)
      : block(lines, i, dash, i + 1, end, lines.indent(first));
  }
  // Treat the dash as indentation: "- name: x" holds a mapping whose entries start at x's column.
  return block(lines, i, dash, i, end, rest);
}

/**
 * The line of `path` in block YAML, or of its nearest existing ancestor when the path is
 * missing (a missing field is often the finding). `undefined`: not plain block YAML here.
 * `root`: what earlier paths into the same text found (see PathNode).
 */
export function locateInBlock(
  text: Lines | string,
  path: JsonPath,
  root: PathNode = new PathNode(),
): LinePosition | undefined {
  const lines = typeof text === 'string' ? new Lines(text) : text;
  const first = lines.nextContent(0, lines.count);
  if (first === -1) return undefined;
  const column = lines.indent(first);
  // The document itself: its first entry's line, with every line below it (kept on the
  // root, where the items of a document that is a sequence are found once).
  let found = (root.step ??= block(lines, first, column, 0, lines.count, column)) as Block;
  let node = root;
  for (const step of path) {
    if (found.indent < 0) return undefined;
    node = node.child(step);
    const next = (node.step ??=
      typeof step === 'number' ? findItem(lines, found, step) : findKey(lines, found, step));
    if (next === 'unsupported') return undefined;
    if (next === 'missing') break;
    found = next;
  }
  return { line: found.line, column: found.column, end: found.end };
}
