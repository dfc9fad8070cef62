import type { InputFile } from '../engine/index.ts';
import type { CliIo } from './io.ts';
import { megabytes } from './limits.ts';

// A large dump takes seconds to analyse. When stderr is a terminal, say what is happening
// (and clear the line after); in a pipe or a CI log, say nothing.

const worthSaying = 4 * 1024 * 1024;

export function analyzeWithProgress<T>(files: readonly InputFile[], io: CliIo, work: () => T): T {
  const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
  if (!io.progress || bytes < worthSaying) return work();
  const count = `${files.length.toLocaleString('en')} file${files.length === 1 ? '' : 's'}`;
  io.stderr(`mut: analysing ${count} (${megabytes(bytes)})…`);
  try {
    return work();
  } finally {
    io.stderr('\r\u001b[K');
  }
}
