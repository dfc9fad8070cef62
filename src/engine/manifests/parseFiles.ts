import * as jsYaml from 'js-yaml';
import { CORE_SCHEMA, load as loadFast, type Type } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, InputFile } from '../types';
import type { ParsedDocument } from './document';

// Two readers, on purpose. js-yaml reads a document about ten times faster than
// eemeli's `yaml`, which matters for a whole cluster's dump; `yaml` gives exact
// positions and every error at once. So js-yaml reads, each document keeps its own
// text and first line, and `yaml` is asked only where a position is needed (see
// locate.ts) or where js-yaml rejected the document and the learner needs the errors.

// js-yaml exports its built-in types; its type declarations do not list them.
const { types } = jsYaml as unknown as {
  types: Record<'merge' | 'binary' | 'omap' | 'pairs' | 'set', Type>;
};
/**
 * YAML 1.1 as Kubernetes reads it: merge keys (`<<`) resolve, but a plain scalar that looks
 * like a date stays a string (Kubernetes' reader keeps `creationTimestamp` text, and so does
 * the precise parser), which also spares testing every plain scalar against the date pattern.
 */
const kubernetesSchema = CORE_SCHEMA.extend({
  implicit: [types.merge],
  explicit: [types.binary, types.omap, types.pairs, types.set],
});

export const limits = {
  /** Larger files get a clear message instead of an attempt. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Anchors may be referenced this often per document: enough for real use, not for a bomb. */
  maxAliases: 200,
  maxDiagnosticsPerFile: 50,
};

export interface ParseResult {
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

export function parseFiles(files: readonly InputFile[]): ParseResult {
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const found = parseFile(file);
    documents.push(...found.documents);
    diagnostics.push(...found.diagnostics);
  }
  return { documents, diagnostics };
}

/**
 * The last result per file path. An edit changes one file; the others keep their documents
 * (the same objects, so what is cached on them, such as line tables, stays).
 */
let fileCache = new Map<string, { text: string; result: ParseResult }>();
const fileCacheLimit = 5_000;

export function parseFile(file: InputFile): ParseResult {
  const hit = fileCache.get(file.path);
  if (hit && hit.text === file.text) return hit.result;
  const result = parseFileUncached(file, hit?.result.documents);
  if (typeof file.text === 'string') {
    if (fileCache.size >= fileCacheLimit) fileCache = new Map();
    fileCache.set(file.path, { text: file.text, result });
  }
  return result;
}

/** `previous`: the file's documents before the edit; those whose text and place are unchanged are kept. */
function parseFileUncached(file: InputFile, previous: readonly ParsedDocument[] = []): ParseResult {
  const { path, text } = file;
  if (typeof text !== 'string') {
    return { documents: [], diagnostics: [fileError(path, 'the file could not be read as text')] };
  }
  if (text.length > limits.maxFileBytes) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    const max = limits.maxFileBytes / 1024 / 1024;
    return {
      documents: [],
      diagnostics: [
        fileError(
          path,
          `the file is ${mb} MB; MUT Lab reads files up to ${max} MB, so split it into smaller files`,
        ),
      ],
    };
  }
  if (text.includes('\u0000')) {
    return {
      documents: [],
      diagnostics: [fileError(path, 'the file holds binary data (a NUL byte), not YAML or JSON')],
    };
  }
  if (looksLikeJson(path, text)) {
    try {
      return {
        documents: [{ file: path, index: 0, startLine: 1, text, value: JSON.parse(text) }],
        diagnostics: [],
      };
    } catch {
      // Fall through: YAML is a superset of JSON and its reader reports the position.
    }
  }
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  // A learner's edit changes one document: the others are found by their text and keep
  // what was read (and, where they have not moved, what was located). A first reading
  // has nothing to look up, and hashes no text.
  const unchanged = previous.length > 0 ? new Map(previous.map((d) => [d.text, d])) : undefined;
  for (const slice of splitDocuments(text)) {
    const kept = unchanged?.get(slice.text);
    if (kept && kept.startLine === slice.startLine && kept.index === documents.length) {
      documents.push(kept);
      continue;
    }
    const doc: ParsedDocument = {
      file: path,
      index: documents.length,
      startLine: slice.startLine,
      text: slice.text,
      value: kept?.value,
    };
    if (kept) {
      documents.push(doc);
      continue;
    }
    const aliasProblem = checkAliases(slice.text);
    if (aliasProblem) {
      diagnostics.push({
        severity: 'error',
        message: aliasProblem,
        file: path,
        line: slice.startLine,
        column: 1,
      });
      continue;
    }
    try {
      doc.value = loadFast(slice.text, { filename: path, schema: kubernetesSchema });
    } catch (error) {
      const found = preciseErrors(doc);
      if (found.length === 0) {
        // Only js-yaml objects (for example a stack overflow on absurd nesting).
        const reason =
          error instanceof RangeError
            ? 'the document is nested too deeply'
            : 'the document could not be read';
        diagnostics.push({
          severity: 'error',
          message: reason,
          file: path,
          line: slice.startLine,
          column: 1,
        });
      }
      diagnostics.push(...found.slice(0, limits.maxDiagnosticsPerFile));
      continue;
    }
    if (doc.value === null || doc.value === undefined) continue;
    documents.push(doc);
  }
  return { documents, diagnostics };
}

/**
 * Forget every parsed document: benchmarks call it to measure cold parsing. The map is
 * emptied entry by entry, then replaced. V8's `Map.prototype.clear` leaves the old table
 * (promoted by then) pointing to its entries and to the next table, so every document parsed
 * since the last full collection stayed alive and was copied at each scavenge (9 ms each
 * instead of 0.8); and a dropped map still holding its entries keeps its last documents alive
 * through the next scavenge, a cost a first analysis never pays.
 */
export function clearParseCache(): void {
  for (const path of [...fileCache.keys()]) fileCache.delete(path);
  fileCache = new Map();
}

function looksLikeJson(path: string, text: string): boolean {
  if (path.endsWith('.json')) return true;
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

interface Slice {
  text: string;
  startLine: number;
}

/**
 * Splits a YAML stream at its document markers. A line that starts with `---` or
 * `...` at column 0 can only be a marker (the spec forbids it inside scalars), so a
 * line scan finds the same boundaries as a full parse. Content on a `---` line stays
 * in place, with the marker blanked, so columns are kept. A document is a slice of the
 * stream, not a copy, unless content on its marker line needs the blanks.
 */
export function splitDocuments(text: string): Slice[] {
  const slices: Slice[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let pos = 0;
  let pendingPrefix = '';
  const push = (end: number) => {
    const body = pendingPrefix + text.slice(start, end);
    if (/\S/.test(body)) slices.push({ text: body, startLine });
  };
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    if (text.startsWith('---', pos) && isMarkerEnd(text, pos + 3)) {
      push(pos);
      pendingPrefix = /\S/.test(text.slice(pos + 3, end)) ? '   ' : '';
      start = pendingPrefix ? pos + 3 : end;
      startLine = line;
    } else if (text.startsWith('...', pos) && isMarkerEnd(text, pos + 3)) {
      push(pos);
      pendingPrefix = '';
      start = end + 1;
      startLine = line + 1;
    }
    if (nl === -1) break;
    pos = nl + 1;
    line++;
  }
  push(text.length);
  return slices;
}

function isMarkerEnd(text: string, at: number): boolean {
  const c = text[at];
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function checkAliases(text: string): string | undefined {
  if (!text.includes('&') || !text.includes('*')) return undefined;
  const aliases = text.match(/(?:^|[\s[{,:-])\*[^\s,\]}]+/g);
  const count = aliases ? aliases.length : 0;
  if (count > limits.maxAliases) {
    return `the document uses ${count} aliases (more than ${limits.maxAliases}); MUT Lab refuses it as a possible alias bomb`;
  }
  // Few references can still expand enormously (nine levels of nine: a billion laughs).
  // eemeli's reader counts what an expansion would cost and stops early, without expanding.
  try {
    parseDocument(text).toJS({ maxAliasCount: limits.maxAliases });
  } catch (error) {
    if (error instanceof Error && /alias/i.test(error.message)) {
      return 'the document expands its aliases far beyond its size (an alias bomb); MUT Lab refuses it';
    }
  }
  return undefined;
}

/** Every error eemeli's reader finds in a document, with its exact place. */
function preciseErrors(doc: ParsedDocument): Diagnostic[] {
  const lineCounter = new LineCounter();
  try {
    const parsed = parseDocument(doc.text, {
      lineCounter,
      uniqueKeys: true,
      prettyErrors: false,
    });
    return [...parsed.errors, ...parsed.warnings].map((e) => {
      const [from, to] = e.pos;
      const a = lineCounter.linePos(from);
      const b = lineCounter.linePos(to);
      return {
        severity: e.name === 'YAMLWarning' ? 'warning' : 'error',
        message: firstLine(e.message),
        file: doc.file,
        line: a.line + doc.startLine - 1,
        column: a.col,
        endLine: b.line + doc.startLine - 1,
        endColumn: b.col,
      };
    });
  } catch {
    return [];
  }
}

function firstLine(message: string): string {
  const cut = message.indexOf(' at line ');
  const line = (cut === -1 ? message : message.slice(0, cut)).split('\n')[0] ?? message;
  return line.trim();
}

function fileError(file: string, message: string): Diagnostic {
  return { severity: 'error', message, file, line: 1, column: 1 };
}
