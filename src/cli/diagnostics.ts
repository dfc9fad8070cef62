import type { Diagnostic } from '../engine/index.ts';
import { InputError } from './io.ts';

// Diagnostics as compilers print them, `file:line:column: severity: message`, which editors
// and CI log viewers turn into links.

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then by file and position: the order a reader fixes them in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      severityOrder[a.severity] - severityOrder[b.severity] ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
}

/** Input with error diagnostics gives no trustworthy answer: stop with exit 2. */
export function failOnErrors(diagnostics: readonly Diagnostic[]): void {
  const errors = sortDiagnostics(diagnostics.filter((d) => d.severity === 'error'));
  if (errors.length) throw new InputError(errors.map(formatDiagnostic));
}

/** Warnings and notes, for stderr: they never change the exit code. */
export function nonErrorLines(diagnostics: readonly Diagnostic[]): string[] {
  return sortDiagnostics(diagnostics.filter((d) => d.severity !== 'error')).map(formatDiagnostic);
}
