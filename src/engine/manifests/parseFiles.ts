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
  /**
   * One object's text at most: kube-apiserver refuses a request body over 3 MiB
   * (`MaxRequestBodyBytes` in staging/src/k8s.io/apiserver/pkg/server/config.go; etcd stores
   * 1.5 MiB by default), so a larger object cannot exist in a cluster, and reading one could
   * take minutes (100,000 containers in one Pod).
   */
  maxObjectBytes: 3 * 1024 * 1024,
  /** Anchors may be referenced this often per document: enough for real use, not for a bomb. */
  maxAliases: 200,
  /** js-yaml's own limit (its `maxDepth`), named here so messages can say it. */
  maxDepth: 100,
  /** Diagnostics kept per file and for the whole analysis; the rest are counted (see capDiagnostics.ts). */
  maxDiagnosticsPerFile: 50,
  maxDiagnostics: 500,
  /** After this many errors the rest of a file is not read (below the per-file cap, so the stop is shown). */
  maxErrorsPerFile: 40,
};

export interface ParseResult {
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

export function parseFiles(files: readonly InputFile[]): ParseResult {
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  // Appended one by one: spreading a file's 150,000 documents into push() overflows the stack.
  for (const file of files) {
    const found = parseFile(file);
    for (const d of found.documents) documents.push(d);
    for (const d of found.diagnostics) diagnostics.push(d);
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
          `the file is ${mb} MB; MUT Lab reads files up to ${max} MB (the file size limit), so split it into smaller files`,
        ),
      ],
    };
  }
  if (text.includes('\u0000')) {
    const message = looksLikeUtf16(text)
      ? 'the file is UTF-16 text; MUT Lab reads UTF-8: save it as UTF-8'
      : 'the file holds binary data (a NUL byte), not YAML or JSON';
    return { documents: [], diagnostics: [fileError(path, message)] };
  }
  // The text was decoded before it reached the engine; a decoder replaces bytes that are not
  // UTF-8 with U+FFFD. Said once, at the first such line: the rest of the file is still read.
  const replaced = text.indexOf('\uFFFD');
  const encodingProblems: Diagnostic[] = [];
  if (replaced !== -1) {
    const at = lineAndColumn(text, replaced);
    encodingProblems.push({
      severity: 'error',
      message:
        'the file is not valid UTF-8: bytes here were replaced by \uFFFD, so values may differ from the file; save it as UTF-8',
      file: path,
      ...at,
    });
  }
  if (looksLikeJson(path, text)) {
    try {
      return {
        documents: [{ file: path, index: 0, startLine: 1, text, value: JSON.parse(text) }],
        diagnostics: encodingProblems,
      };
    } catch {
      // Fall through: YAML is a superset of JSON and its reader reports the position.
    }
  }
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = encodingProblems;
  // A learner's edit changes one document: the others are found by their text and keep
  // what was read (and, where they have not moved, what was located). A first reading
  // has nothing to look up, and hashes no text.
  const unchanged = previous.length > 0 ? new Map(previous.map((d) => [d.text, d])) : undefined;
  for (const slice of splitDocuments(text)) {
    // Past the per-file limit the rest of the file is not read: reading 100,000 broken
    // documents only to count them took 24 s. The analysis goes on with what was read, and
    // says where reading stopped (an error: the file was not fully read).
    if (errorCount(diagnostics) >= limits.maxErrorsPerFile) {
      diagnostics.push({
        severity: 'error',
        message: `MUT Lab stopped reading this file here, after ${limits.maxErrorsPerFile} errors (the per-file error limit); fix those first`,
        code: 'limit',
        file: path,
        line: slice.startLine,
        column: 1,
      });
      break;
    }
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
      // A document that is not read is an error, whatever the precise reader calls it: an
      // unknown tag (`!vault`) is only a warning to eemeli's reader, yet the document is gone.
      // Too deep for js-yaml is too deep for eemeli's reader too (its stack overflows).
      const looked = tooDeep(error)
        ? []
        : preciseErrors(doc).slice(0, limits.maxDiagnosticsPerFile);
      const found = looked.some((d) => d.severity === 'error')
        ? looked
        : looked.map((d) => ({ ...d, severity: 'error' as const, message: notRead(d.message) }));
      if (found.length === 0) diagnostics.push(fastReaderError(doc, error));
      for (const d of found) diagnostics.push(d);
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
    if (isMarker(text, pos, DASH) && isMarkerEnd(text, pos + 3)) {
      push(pos);
      pendingPrefix = /\S/.test(text.slice(pos + 3, end)) ? '   ' : '';
      start = pendingPrefix ? pos + 3 : end;
      startLine = line;
    } else if (isMarker(text, pos, DOT) && isMarkerEnd(text, pos + 3)) {
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

const DASH = 45;
const DOT = 46;

/**
 * `---` or `...` at `at`: compared by character code, as every line of every file is asked
 * (`startsWith` cost more than the scan for the line's end).
 */
function isMarker(text: string, at: number, code: number): boolean {
  return (
    text.charCodeAt(at) === code &&
    text.charCodeAt(at + 1) === code &&
    text.charCodeAt(at + 2) === code
  );
}

function isMarkerEnd(text: string, at: number): boolean {
  const c = text[at];
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * Why a document's aliases are refused (too many, or an expansion far beyond its size), or
 * undefined. The editor asks it too, before its YAML worker sees a text.
 */
export function checkAliases(text: string): string | undefined {
  if (!text.includes('&') || !text.includes('*')) return undefined;
  const aliases = text.match(/(?:^|[\s[{,:-])\*[^\s,\]}]+/g);
  const count = aliases ? aliases.length : 0;
  if (count > limits.maxAliases) {
    return `the document uses ${count} aliases, more than ${limits.maxAliases} (the alias limit); MUT Lab refuses it as a possible alias bomb`;
  }
  // Few references can still expand enormously (nine levels of nine: a billion laughs).
  // eemeli's reader counts what an expansion would cost and stops early, without expanding.
  // Without its duplicate-key check, which compares every pair of keys of a mapping: a
  // ConfigMap of 20,000 keys and one alias took 18 s (in the engine, and on the page's main
  // thread in the editor's guard), 4.7 s without it, on the same loaded machine. Duplicate
  // keys are js-yaml's to report.
  try {
    parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: limits.maxAliases });
  } catch (error) {
    if (error instanceof Error && /alias/i.test(error.message)) {
      return `the document's aliases would expand to more than ${limits.maxAliases} references (the alias limit): an alias bomb; MUT Lab refuses it`;
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

/** js-yaml's reason and place, in words that name the limit when one was hit. */
function fastReaderError(doc: ParsedDocument, error: unknown): Diagnostic {
  const reason =
    error instanceof Error ? ((error as { reason?: string }).reason ?? error.message) : '';
  const mark = (error as { mark?: { line?: number; column?: number } } | null)?.mark;
  let message: string;
  if (tooDeep(error)) {
    message = `the document nests more than ${limits.maxDepth} levels deep (the nesting limit), so it was not read`;
  } else if (error instanceof RangeError) {
    message =
      'the document is nested too deeply to read (the call stack limit), so it was not read';
  } else if (reason) {
    message = `the document could not be read: ${firstLine(reason)}`;
  } else {
    message = 'the document could not be read';
  }
  const line = typeof mark?.line === 'number' ? mark.line + doc.startLine : doc.startLine;
  const column = typeof mark?.column === 'number' ? mark.column + 1 : 1;
  return { severity: 'error', message, file: doc.file, line, column };
}

function errorCount(diagnostics: readonly Diagnostic[]): number {
  let n = 0;
  for (const d of diagnostics) if (d.severity === 'error') n++;
  return n;
}

function tooDeep(error: unknown): boolean {
  return error instanceof Error && /maxDepth/.test(error.message);
}

/** A warning of the precise reader, on a document the fast one refused. */
function notRead(message: string): string {
  const tag = /^Unresolved tag: (.*)$/.exec(message);
  if (tag)
    return `the tag ${tag[1]} is not one MUT Lab knows, so the document was not read (quote the value to keep it as text)`;
  return `${message}; the document was not read`;
}

/**
 * UTF-16 read as UTF-8 or Latin-1: in ASCII text every other character is a NUL and the
 * others are printable (a byte order mark, if any, is skipped).
 */
function looksLikeUtf16(text: string): boolean {
  const start = /^(\uFFFD\uFFFD|\u00FF\u00FE|\u00FE\u00FF|\uFEFF)/.exec(text)?.[0].length ?? 0;
  const sample = text.slice(start, start + 2000);
  if (sample.length < 8) return false;
  const nulAt = sample.charCodeAt(0) === 0 ? 0 : 1;
  let pairs = 0;
  let ascii = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    pairs++;
    const nul = sample.charCodeAt(i + nulAt);
    const other = sample.charCodeAt(i + 1 - nulAt);
    if (nul === 0 && (other === 9 || other === 10 || other === 13 || (other >= 32 && other < 127)))
      ascii++;
  }
  return ascii >= pairs * 0.9;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function firstLine(message: string): string {
  const cut = message.indexOf(' at line ');
  const line = (cut === -1 ? message : message.slice(0, cut)).split('\n')[0] ?? message;
  return line.trim();
}

function fileError(file: string, message: string): Diagnostic {
  return { severity: 'error', message, file, line: 1, column: 1 };
}
