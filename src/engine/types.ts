// Shared vocabulary of the engine. Everything here is plain data, so results can be
// posted from a Web Worker, stored, put into a share link or printed as JSON as they are.

/** A place in the input, 1-based like an editor shows it. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * `would-not-start`: a binary (kube-apiserver, kubelet, etcd) would refuse this setting and
 * exit, so the input is not a running cluster: its analysis never counts as a fix.
 * `limit`: a limit stopped reading a file or left diagnostics out; the message names the limit
 * and what was left. A reader that caps what it shows keeps these (they say the rest exists).
 */
export type DiagnosticCode = 'would-not-start' | 'limit';

export interface Diagnostic {
  severity: Severity;
  message: string;
  code?: DiagnosticCode;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface InputFile {
  path: string;
  text: string;
}

/** A path into a parsed object: keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** The four kinds of mess-up the model knows (see docs/mut-model.md). */
export type MessUpCategory = 'misconfiguration' | 'bug' | 'leak' | 'assumption';

/** References name the standard a technique or finding belongs to, e.g. `attack:T1611`. */
export type Reference = string;
