import { commandUsage, type CommandName } from './help.ts';

// What a command may touch of the process: its streams and environment. main.ts passes the
// real ones; keeping them explicit makes the commands easy to run in-process.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The whole of standard input, read when a command is given `-`. */
  readStdin: () => string;
  /** Whether to colour stdout: it is a terminal and NO_COLOR is unset. */
  color: boolean;
  /** Whether stderr is a terminal: long reads then show what they are doing. */
  progress?: boolean;
  cwd: string;
}

/** A problem with the command line itself: usage is printed, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show (undefined: the top-level usage). */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Input that cannot be read or parsed: the lines are printed to stderr, exit 2. */
export class InputError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export const exitCodes = {
  ok: 0,
  /** A gate failed: `check` below the minimum, `pss --strict` denial, `scenario verify` problem. */
  failed: 1,
  /** Bad command line, or unreadable or invalid input. */
  usage: 2,
  /** A bug in mut itself. */
  internal: 3,
} as const;

/** `mut <command> --help`: the command's usage on stdout, exit 0. */
export function showHelp(io: CliIo, command: CommandName): number {
  io.stdout(commandUsage[command] + '\n');
  return exitCodes.ok;
}
