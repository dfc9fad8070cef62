import { commandNames, commandUsage, topUsage, type CommandName } from './help.ts';
import { exitCodes, InputError, UsageError, type CliIo } from './io.ts';
import { version } from './version.ts';

// `mut <command> ...` → the command; usage and input errors → exit 2 with a message.

type Command = (args: string[], io: CliIo) => number | Promise<number>;

// Loaded on demand, so `--help`, `--version` and usage errors answer without loading the engine.
const commands: Record<CommandName, Command> = {
  analyze: async (args, io) => (await import('./commands/analyze.ts')).runAnalyze(args, io),
  check: async (args, io) => (await import('./commands/check.ts')).runCheck(args, io),
  pss: async (args, io) => (await import('./commands/pss.ts')).runPss(args, io),
  techniques: async (args, io) =>
    (await import('./commands/techniques.ts')).runTechniques(args, io),
  scenario: async (args, io) => (await import('./commands/scenario.ts')).runScenario(args, io),
};

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch([...argv], io);
  } catch (e) {
    if (e instanceof UsageError) {
      const usage = e.command ? commandUsage[e.command as CommandName] : topUsage;
      io.stderr(`mut${e.command ? ` ${e.command}` : ''}: ${e.message}\n\n${usage}\n`);
      return exitCodes.usage;
    }
    if (e instanceof InputError) {
      io.stderr(e.lines.join('\n') + '\n');
      return exitCodes.usage;
    }
    throw e;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('no command given');
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    io.stdout((isCommand(topic) ? commandUsage[topic] : topUsage) + '\n');
    return exitCodes.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`mut ${version()}\n`);
    return exitCodes.ok;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'`);
  if (!isCommand(first)) throw new UsageError(`unknown command '${first}'`);
  return commands[first](rest, io);
}

function isCommand(name: string | undefined): name is CommandName {
  return (commandNames as readonly (string | undefined)[]).includes(name);
}
