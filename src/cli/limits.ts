// What one run of `mut` reads at most. Each limit is named in the error that enforces it,
// with the way around it, so that a refusal is never a mystery.

export const inputLimits = {
  /** One file, or standard input: a `kubectl get -A -o yaml` of a large cluster fits. */
  maxFileBytes: 256 * 1024 * 1024,
  /** All inputs of one run together. */
  maxTotalBytes: 512 * 1024 * 1024,
  /** Manifest files found under the folders of one run. */
  maxFiles: 100_000,
  /** Problems printed before the rest is only counted. */
  maxProblemsShown: 50,
  /** Diagnostics printed per file, and in all, before the rest is only counted. */
  maxDiagnosticsPerFile: 20,
  maxDiagnosticsShown: 200,
};

export function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

export const fileLimitAdvice =
  'split it into smaller files (a cluster dump: one `kubectl get -o yaml` per namespace)';
