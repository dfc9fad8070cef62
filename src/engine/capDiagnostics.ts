// A file of 110,000 broken documents gave 110,000 diagnostics: 24 s to print, a worker blocked
// for 14 s. Diagnostics are capped per file and overall; what is left out is counted in one
// diagnostic that names the limit, with the worst severity of what it stands for, so an error
// is never hidden by the cap (the gate fails on an error, whether shown or counted).
import type { Diagnostic, Severity } from './types';

export interface DiagnosticLimits {
  perFile: number;
  overall: number;
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function capDiagnostics(all: readonly Diagnostic[], limits: DiagnosticLimits): Diagnostic[] {
  if (all.length <= limits.perFile && all.length <= limits.overall) return [...all];
  const counts = new Map<string, number>();
  for (const d of all) counts.set(d.file, (counts.get(d.file) ?? 0) + 1);
  // Only the files over the per-file limit are grouped: 150,000 files of one diagnostic each
  // are common in a folder scan and need no per-file work.
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of all) {
    if (counts.get(d.file)! <= limits.perFile) continue;
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const kept = new Set<Diagnostic>();
  for (const d of all) if (counts.get(d.file)! <= limits.perFile) kept.add(d);
  /** How many diagnostics each per-file summary stands for. */
  const weight = new Map<Diagnostic, number>();
  const summaryOf = new Map<string, Diagnostic>();
  for (const [file, list] of byFile) {
    for (const d of mostSevere(list, limits.perFile)) kept.add(d);
    const left = list.filter((d) => !kept.has(d));
    const s = summary(
      left,
      `${left.length} more diagnostics in this file are not shown: MUT Lab shows ${limits.perFile} per file (the per-file diagnostics limit)`,
    );
    weight.set(s, left.length);
    summaryOf.set(file, s);
  }
  // Each file's summary follows the file's last diagnostic.
  const last = new Map<string, Diagnostic>();
  for (const [file, list] of byFile) last.set(file, list[list.length - 1]!);
  const shown: Diagnostic[] = [];
  for (const d of all) {
    if (kept.has(d)) shown.push(d);
    if (last.get(d.file) === d) shown.push(summaryOf.get(d.file)!);
  }
  if (shown.length <= limits.overall) return shown;
  const chosen = new Set(mostSevere(shown, limits.overall - 1));
  const left = shown.filter((d) => !chosen.has(d));
  const count = left.reduce((n, d) => n + (weight.get(d) ?? 1), 0);
  return [
    ...shown.filter((d) => chosen.has(d)),
    summary(
      left,
      `${count} more diagnostics are not shown: MUT Lab shows ${limits.overall} in all (the diagnostics limit)`,
    ),
  ];
}

/** The `n` most severe of `list`, errors first, each severity in its original order. */
function mostSevere(list: readonly Diagnostic[], n: number): Diagnostic[] {
  if (list.length <= n) return [...list];
  const quota = [0, 0, 0];
  let left = n;
  for (const severity of ['error', 'warning', 'info'] as const) {
    let count = 0;
    for (const d of list) if (d.severity === severity) count++;
    quota[rank[severity]] = Math.min(count, left);
    left -= quota[rank[severity]]!;
  }
  const chosen: Diagnostic[] = [];
  for (const d of list) {
    const r = rank[d.severity];
    if (quota[r]! > 0) {
      quota[r]!--;
      chosen.push(d);
    }
  }
  return chosen;
}

/** At the first diagnostic it stands for, so the editor can mark it. */
function summary(left: readonly Diagnostic[], message: string): Diagnostic {
  let severity: Severity = 'info';
  for (const d of left) if (rank[d.severity] < rank[severity]) severity = d.severity;
  const { file, line, column } = left[0]!;
  return { severity, message, code: 'limit', file, line, column };
}
