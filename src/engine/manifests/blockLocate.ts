import { int32s, uint8s } from '../typedArrays';
import type { JsonPath } from '../types';

// Most manifests are block-style YAML, where the line of a field follows from indentation
// alone. Scanning lines finds it far faster than a full parse, which matters when a large
// cluster has thousands of findings. Anything unusual (flow collections, anchors, complex
// keys) answers "unsupported" and the precise parser takes over.

export interface LinePosition {
  /** 0-based line within the text, and 0-based column of the key (or item dash). */
  line: number;
  column: number;
  /** 0-based column where the line's content ends. */
  end: number;
}

interface Block {
  at: LinePosition;
  /** Lines [from, to) hold the value; its entries start at column `indent`. */
  from: number;
  to: number;
  indent: number;
}

export type Step = Block | 'missing' | 'unsupported';

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

function isContent(line: string): boolean {
  const t = line.trimStart();
  return t !== '' && !t.startsWith('#');
}

/** Lines with their indentation and whether they hold content, worked out once each. */
interface Lines {
  text: readonly string[];
  indent: Int32Array;
  content: Uint8Array;
}

const indexed = new WeakMap<readonly string[], Lines>();

function indexLines(text: readonly string[]): Lines {
  let found = indexed.get(text);
  if (!found) {
    const indent = int32s(text.length);
    const content = uint8s(text.length);
    text.forEach((line, i) => {
      indent[i] = indentOf(line);
      content[i] = isContent(line) ? 1 : 0;
    });
    indexed.set(text, (found = { text, indent, content }));
  }
  return found;
}

function nextContent(lines: Lines, from: number, to: number): number {
  for (let i = from; i < to; i++) if (lines.content[i]) return i;
  return -1;
}

function keyOf(content: string): string | undefined {
  const m =
    /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[?&*!|>-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)/.exec(
      content,
    );
  if (!m) return undefined;
  const raw = m[1]!;
  if (raw.startsWith('"')) return raw.slice(1, -1).replace(/\\"/g, '"');
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw.trimEnd();
}

const unsupportedValue = /^[{[&*!|>]/;

/**
 * The value below the entry on line `at` whose key or dash stands at `column`: the lines
 * that follow, up to the next entry at that column or left of it. A block sequence may sit
 * at the key's own column (`containers:` then `- name:`), so dashes there still belong.
 */
function valueBlock(
  lines: Lines,
  at: number,
  to: number,
  column: number,
  sameLine: string,
): Omit<Block, 'at'> | 'unsupported' {
  if (unsupportedValue.test(sameLine)) return 'unsupported';
  const first = nextContent(lines, at + 1, to);
  const seqAtColumn =
    first !== -1 && lines.indent[first] === column && lines.text[first]!.startsWith('- ', column);
  let end = to;
  for (let i = at + 1; i < to; i++) {
    if (!lines.content[i]) continue;
    const indent = lines.indent[i]!;
    if (
      indent < column ||
      (indent === column && !(seqAtColumn && lines.text[i]!.startsWith('-', column)))
    ) {
      end = i;
      break;
    }
  }
  if (sameLine !== '' || first === -1 || first >= end)
    return { from: at + 1, to: at + 1, indent: column + 2 };
  return { from: at + 1, to: end, indent: lines.indent[first]! };
}

function findKey(lines: Lines, block: Omit<Block, 'at'>, name: string): Step {
  for (let i = block.from; i < block.to; i++) {
    if (!lines.content[i]) continue;
    const line = lines.text[i]!;
    let column = lines.indent[i]!;
    if (i === block.from && column < block.indent && line.startsWith('- ', column)) {
      // The first entry of a sequence item shares the line with its dash.
      column++;
      while (line.charCodeAt(column) === 32 || line.charCodeAt(column) === 9) column++;
    }
    if (column !== block.indent) continue;
    const first = line[column]!;
    if ('{[?&!'.includes(first)) return 'unsupported';
    // An unquoted key is the start of its line: most lines are ruled out without the regex.
    if (first !== '"' && first !== "'" && !line.startsWith(name, column)) continue;
    const content = line.slice(column);
    if (keyOf(content) !== name) continue;
    const value = valueBlock(
      lines,
      i,
      block.to,
      column,
      content.slice(content.indexOf(':') + 1).trim(),
    );
    if (value === 'unsupported')
      return { at: { line: i, column, end: line.trimEnd().length }, from: i, to: i, indent: -1 };
    return { at: { line: i, column, end: line.trimEnd().length }, ...value };
  }
  return 'missing';
}

function findItem(lines: Lines, block: Omit<Block, 'at'>, index: number): Step {
  let seen = -1;
  for (let i = block.from; i < block.to; i++) {
    if (!lines.content[i]) continue;
    const line = lines.text[i]!;
    const dash = lines.indent[i]!;
    if (dash !== block.indent) continue;
    if (!line.startsWith('-', dash)) return 'unsupported';
    seen++;
    if (seen !== index) continue;
    const rest = line.slice(dash + 1).trimStart();
    if (unsupportedValue.test(rest)) return 'unsupported';
    const at = { line: i, column: dash, end: line.trimEnd().length };
    // Entries after the dash continue on the following lines at the same column.
    let end = block.to;
    for (let j = i + 1; j < block.to; j++) {
      if (lines.content[j] && lines.indent[j]! <= dash) {
        end = j;
        break;
      }
    }
    if (rest === '') {
      const first = nextContent(lines, i + 1, end);
      return first === -1
        ? { at, from: i + 1, to: i + 1, indent: dash + 2 }
        : { at, from: i + 1, to: end, indent: lines.indent[first]! };
    }
    // Treat the dash as indentation: "- name: x" holds a mapping whose entries start at x's column.
    const contentColumn = line.length - line.slice(dash + 1).trimStart().length;
    return { at, from: i, to: end, indent: contentColumn };
  }
  return 'missing';
}

/**
 * The line of `path` in block YAML, or of its nearest existing ancestor when the path is
 * missing (a missing field is often the finding). `undefined`: not plain block YAML here.
 * `known`: blocks found for earlier paths of the same lines, by path prefix; the paths a
 * document is asked for share long prefixes (a container's fields), so they are found once.
 */
export function locateInBlock(
  text: readonly string[],
  path: JsonPath,
  known: Map<string, Step> = new Map(),
): LinePosition | undefined {
  const lines = indexLines(text);
  const first = nextContent(lines, 0, text.length);
  if (first === -1) return undefined;
  const column = lines.indent[first]!;
  let block: Omit<Block, 'at'> = { from: 0, to: text.length, indent: column };
  let found: LinePosition = { line: first, column, end: text[first]!.trimEnd().length };
  let prefix = '';
  for (const step of path) {
    if (block.indent < 0) return undefined;
    prefix += `\u0000${step}`;
    let masked = known.get(prefix);
    if (masked === undefined) {
      masked =
        typeof step === 'number' ? findItem(lines, block, step) : findKey(lines, block, step);
      known.set(prefix, masked);
    }
    if (masked === 'unsupported') return undefined;
    if (masked === 'missing') return found;
    found = masked.at;
    block = masked;
  }
  return found;
}
