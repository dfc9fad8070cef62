import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.ts';
import { baselineIds } from '../engine/baselines/index.ts';
import { nearest } from '../engine/nearest.ts';

// Node's own parser, strict: an unknown flag or a missing value is a usage error (exit 2).

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(tidy((e as Error).message), command);
  }
}

/** Node's messages carry advice about `--` that does not help here; keep the first sentence. */
function tidy(message: string): string {
  const first = message.split(/\.\s/)[0] ?? message;
  return first.replace(/\.$/, '');
}

/** `--goal`, `--from` and `--baseline`, shared by analyze and check. */
export const analysisFlags = {
  goal: { type: 'string', multiple: true },
  from: { type: 'string' },
  baseline: { type: 'string' },
} as const;

/** `--baseline NAME`: one of the engine's profiles, or a usage error naming them. */
export function baselineOption(command: string, value: string | undefined): string | undefined {
  if (value === undefined || baselineIds.includes(value)) return value;
  const meant = nearest(value, baselineIds);
  throw new UsageError(
    `unknown baseline '${value}'${meant ? ` (did you mean '${meant}'?)` : ''}: use ${baselineIds.join(', ')}`,
    command,
  );
}

const goalPattern = /^(cluster-admin|node-root|(secret|exec):[^/\s]+\/[^/\s]+)$/;
const startPattern = /^(internet|corporate-network|pod:[^/\s]+\/[^/\s]+)$/;

export function goalsOption(command: string, values: string[] | undefined): string[] | undefined {
  for (const goal of values ?? [])
    if (!goalPattern.test(goal))
      throw new UsageError(
        `unknown goal '${goal}': use cluster-admin, node-root, secret:<namespace>/<name> or exec:<namespace>/<workload>`,
        command,
      );
  return values?.length ? values : undefined;
}

export function startOption(command: string, value: string | undefined): string | undefined {
  if (value !== undefined && !startPattern.test(value))
    throw new UsageError(
      `unknown attacker position '${value}': use internet, corporate-network or pod:<namespace>/<workload>`,
      command,
    );
  return value;
}

export function requirePaths(command: string, positionals: string[]): string[] {
  if (positionals.length === 0)
    throw new UsageError('give at least one file or folder (or - for standard input)', command);
  return positionals;
}
