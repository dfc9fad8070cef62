import { analysisJson } from '../analysisJson.ts';
import { loadEngine } from '../loadEngine.ts';
import {
  analysisFlags,
  goalsOption,
  parseCommandArgs,
  requirePaths,
  startOption,
} from '../args.ts';
import { failOnErrors } from '../diagnostics.ts';
import { formatAnalysis } from '../formatAnalysis.ts';
import { exitCodes, showHelp, type CliIo } from '../io.ts';
import { readInputs } from '../readInputs.ts';
import { styleFor } from '../style.ts';

export async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('analyze', args, {
    ...analysisFlags,
    json: { type: 'boolean' },
  });
  if (values.help) return showHelp(io, 'analyze');
  const goals = goalsOption('analyze', values.goal);
  const start = startOption('analyze', values.from);
  const files = readInputs(requirePaths('analyze', positionals), io);
  const { analyze } = await loadEngine();
  const result = analyze(files, { goals, start });
  failOnErrors(result.diagnostics, 'analyze');
  if (values.json) io.stdout(JSON.stringify(analysisJson(result), null, 2) + '\n');
  else io.stdout(formatAnalysis(result, styleFor(io.color)));
  return exitCodes.ok;
}
