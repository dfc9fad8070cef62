import { analysisJsonText } from '../../engine/report/analysisJson.ts';
import { loadEngine } from '../loadEngine.ts';
import {
  analysisFlags,
  baselineOption,
  goalsOption,
  parseCommandArgs,
  requirePaths,
  startOption,
} from '../args.ts';
import { assumptionLine, assumptionsOf } from '../assumptions.ts';
import { failOnErrors } from '../diagnostics.ts';
import { formatAnalysis } from '../formatAnalysis.ts';
import { exitCodes, showHelp, type CliIo } from '../io.ts';
import { formatOption, outputFlags, sarifText, writeOutputFile } from '../outputs.ts';
import { analyzeWithProgress } from '../progress.ts';
import { noteMemoryNeed } from '../memory.ts';
import { readInputs } from '../readInputs.ts';
import { styleFor } from '../style.ts';

export async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('analyze', args, {
    ...analysisFlags,
    ...outputFlags,
  });
  if (values.help) return showHelp(io, 'analyze');
  const format = formatOption('analyze', values, ['text', 'json', 'sarif']);
  const goals = goalsOption('analyze', values.goal);
  const start = startOption('analyze', values.from);
  const baseline = baselineOption('analyze', values.baseline);
  const files = readInputs(requirePaths('analyze', positionals), io);
  noteMemoryNeed('analyze', files, io);
  const { analyze, contribution } = await loadEngine();
  const options = { goals, start, baseline };
  const result = analyzeWithProgress(files, io, () => analyze(files, options));
  failOnErrors(result.diagnostics, 'analyze');
  const added = contribution(files, options, result);
  const assumptions = assumptionsOf(files, { goals, start, baseline: result.baseline.id });
  if (assumptions.length) io.stderr(assumptionLine(assumptions));
  if (values.sarif !== undefined)
    writeOutputFile(values.sarif, await sarifText(result, { assumptions }), io, 'analyze');
  if (format === 'json') io.stdout(analysisJsonText(result, assumptions, added));
  else if (format === 'sarif') io.stdout(await sarifText(result, { assumptions }));
  else io.stdout(formatAnalysis(result, styleFor(io.color), added));
  return exitCodes.ok;
}
