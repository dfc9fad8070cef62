import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisResult } from '../engine/index.ts';
import { UsageError, type CliIo } from './io.ts';
import { sarifLog } from './sarif.ts';
import { version } from './version.ts';

// Output formats shared by analyze and check: `--format F` (`--json` is `--format json`), and
// `--sarif FILE`, which writes SARIF beside the normal output (what a CI job uploads).

export type Format = 'text' | 'json' | 'sarif' | 'junit';

export const outputFlags = {
  format: { type: 'string' },
  json: { type: 'boolean' },
  sarif: { type: 'string' },
} as const;

export function formatOption(
  command: string,
  values: { format?: string; json?: boolean },
  allowed: readonly Format[],
): Format {
  const format = values.format ?? (values.json ? 'json' : 'text');
  if (!(allowed as readonly string[]).includes(format))
    throw new UsageError(`--format must be ${allowed.join(', ')}, not '${format}'`, command);
  if (values.json && format !== 'json')
    throw new UsageError(`--json and --format ${format} disagree: give one`, command);
  return format as Format;
}

export async function sarifText(
  result: AnalysisResult,
  options: { min?: number; lowered?: readonly string[]; assumptions: readonly string[] },
): Promise<string> {
  const { messUpCatalogue, techniqueCatalogue } = await import('../engine/index.ts');
  const log = sarifLog(result, {
    version: version(),
    techniques: techniqueCatalogue,
    messUps: messUpCatalogue,
    ...options,
  });
  return JSON.stringify(log, null, 2) + '\n';
}

export function writeOutputFile(path: string, text: string, io: CliIo, command: string): void {
  try {
    writeFileSync(resolve(io.cwd, path), text);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`, command);
  }
}
