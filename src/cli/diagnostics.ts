import type { Diagnostic } from '../engine/index.ts';
import { InputError } from './io.ts';
import { inputLimits } from './limits.ts';
import { shown } from './terminalText.ts';

// Diagnostics as compilers print them, `file:line:column: severity: message`, which editors
// and CI log viewers turn into links.

export function formatDiagnostic(d: Diagnostic): string {
  return `${shown(d.file)}:${d.line}:${d.column}: ${d.severity}: ${shown(d.message)}`;
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

/**
 * The diagnostics as lines, at most `maxDiagnosticsPerFile` per file and `maxDiagnosticsShown`
 * in all: a file with an error in each of its 100,000 documents gives a screenful and a count,
 * not 100,000 lines. The engine's own limit notices (`code: 'limit'`: "stopped reading this
 * file here", "N more are not shown") are always printed, past either cap: they say where
 * reading stopped and that more exists. The engine keeps them few (one or two per file, and
 * at most its overall diagnostics limit).
 */
export function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  const perFile = new Map<string, number>();
  const omitted = new Map<string, number>();
  let omittedTotal = 0;
  let shownCount = 0;
  const out: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    if (d.code === 'limit') {
      out.push(formatDiagnostic(d));
      continue;
    }
    const n = (perFile.get(d.file) ?? 0) + 1;
    perFile.set(d.file, n);
    if (n > inputLimits.maxDiagnosticsPerFile || shownCount >= inputLimits.maxDiagnosticsShown) {
      omitted.set(d.file, (omitted.get(d.file) ?? 0) + 1);
      omittedTotal++;
      continue;
    }
    shownCount++;
    out.push(formatDiagnostic(d));
  }
  if (omittedTotal) {
    const files = [...omitted].sort((a, b) => b[1] - a[1]);
    const where = files
      .slice(0, 3)
      .map(([file, n]) => `${n.toLocaleString('en')} in ${shown(file)}`)
      .join(', ');
    out.push(
      `… and ${omittedTotal.toLocaleString('en')} more (${where}${files.length > 3 ? ', …' : ''}): mut prints ${inputLimits.maxDiagnosticsPerFile} per file and ${inputLimits.maxDiagnosticsShown} in all`,
    );
  }
  return out;
}

/**
 * Input with error diagnostics was not fully read (a document that does not parse, a kind
 * the engine skipped): its MUT would be the MUT of part of the cluster. Stop with exit 2,
 * after the errors and the warnings.
 */
export function failOnErrors(diagnostics: readonly Diagnostic[], command: string): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!errors.length) return;
  const files = new Set(errors.map((d) => d.file)).size;
  // Warnings come after the errors: they often say why (a Helm chart's files that are not
  // manifests, a ThreatModel name that was meant to be another).
  throw new InputError([
    ...diagnosticLines(diagnostics.filter((d) => d.severity !== 'info')),
    `mut ${command}: no result: the input was not fully read (${plural(errors.length, 'error')} in ${plural(files, 'file')}), and a MUT of part of a cluster is incomplete; fix the errors above`,
  ]);
}

/** Warnings and notes, for stderr: they never change the exit code. */
export function nonErrorLines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnosticLines(diagnostics.filter((d) => d.severity !== 'error'));
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
