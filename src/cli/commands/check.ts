import type { AnalysisResult, GoalResult, MessUpView } from '../../engine/index.ts';
import { loadEngine } from '../loadEngine.ts';
import {
  analysisFlags,
  goalsOption,
  parseCommandArgs,
  requirePaths,
  startOption,
} from '../args.ts';
import { failOnErrors, nonErrorLines } from '../diagnostics.ts';
import { messUpSentence } from '../formatAnalysis.ts';
import { exitCodes, InputError, showHelp, UsageError, type CliIo } from '../io.ts';
import { assumptionLine, assumptionsOf } from '../assumptions.ts';
import { junitXml } from '../junit.ts';
import { formatOption, outputFlags, sarifText, writeOutputFile } from '../outputs.ts';
import { analyzeWithProgress } from '../progress.ts';
import { readInputs } from '../readInputs.ts';
import { styleFor } from '../style.ts';
import { shown } from '../terminalText.ts';

// A CI gate: every goal must need at least N simultaneous mess-ups.

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, {
    ...analysisFlags,
    ...outputFlags,
    min: { type: 'string' },
  });
  if (values.help) return showHelp(io, 'check');
  const min = minOption(values.min);
  const format = formatOption('check', values, ['text', 'json', 'sarif', 'junit']);
  const goals = goalsOption('check', values.goal);
  const start = startOption('check', values.from);
  const files = readInputs(requirePaths('check', positionals), io);
  const { analyze } = await loadEngine();
  const result = analyzeWithProgress(files, io, () =>
    analyze(files, { goals, start, findings: false }),
  );
  failOnErrors(result.diagnostics, 'check');
  for (const line of nonErrorLines(result.diagnostics)) io.stderr(line + '\n');
  const assumptions = assumptionsOf(files, { goals, start });
  if (assumptions.length) io.stderr(assumptionLine(assumptions));

  // A gate over no goal would pass anything: the ThreatModel's goals were all invalid.
  if (result.goals.length === 0)
    throw new InputError([
      'mut check: no goal to check: the ThreatModel lists none that is valid (see the warnings above)',
    ]);
  const failing = result.goals.filter((g) => !passes(g, min));
  const code = failing.length ? exitCodes.failed : exitCodes.ok;
  if (values.sarif !== undefined)
    writeOutputFile(values.sarif, await sarifText(result, { min, assumptions }), io, 'check');
  if (format === 'sarif') {
    io.stdout(await sarifText(result, { min, assumptions }));
    return code;
  }
  if (format === 'json') {
    io.stdout(JSON.stringify(checkJson(result, min, assumptions), null, 2) + '\n');
    return code;
  }
  if (format === 'junit') {
    const goalsOut = result.goals.map((g) => ({
      goal: g,
      passes: passes(g, min),
      detail: sufficientSets(g, min)
        .map((set) => set.map((m) => m.title).join(' + '))
        .join('\n'),
    }));
    io.stdout(junitXml(goalsOut, min));
    return code;
  }
  const s = styleFor(io.color);
  if (failing.length === 0) {
    const summary = result.goals
      .map((g) => `${shown(g.goal)} ${g.mut ?? 'unreachable'}`)
      .join(', ');
    io.stdout(`${s.green('OK')}: every goal has MUT >= ${min} (${summary})\n`);
    return exitCodes.ok;
  }
  const out: string[] = [];
  for (const g of result.goals) {
    if (passes(g, min)) {
      out.push(`${s.green('ok')}   ${shown(g.title)}: MUT ${g.mut ?? 'unreachable'}`);
      continue;
    }
    const verdict = g.exact
      ? `MUT ${g.mut} < ${min}`
      : `MUT ${g.mut} found, but only >= ${g.lowerBound} proved (< ${min})`;
    out.push(`${s.red('FAIL')} ${shown(g.title)}: ${verdict}`);
    if (g.mut === 0) {
      out.push('     Reachable today: nothing more has to go wrong.');
      continue;
    }
    const sets = sufficientSets(g, min);
    out.push(
      sets.length
        ? '     These mess-ups would suffice:'
        : `     No set cheaper than ${min} was found, but none is proved impossible either.`,
    );
    for (const set of sets) {
      const cost = set.reduce((sum, m) => sum + m.cost, 0);
      const lead = `       cost ${cost}: `;
      set.forEach((m, i) =>
        out.push(
          i === 0
            ? lead + messUpSentence(m)
            : `${' '.repeat(lead.length - 2)}+ ${messUpSentence(m)}`,
        ),
      );
    }
  }
  out.push(
    '',
    `${failing.length} of ${result.goals.length} goal${result.goals.length === 1 ? '' : 's'} below MUT ${min}`,
  );
  io.stdout(out.join('\n') + '\n');
  return exitCodes.failed;
}

/** `check --json`: the verdict per goal and the sets that break the gate (docs/cli.md). */
function checkJson(result: AnalysisResult, min: number, assumptions: readonly string[]) {
  return {
    min,
    passed: result.goals.every((g) => passes(g, min)),
    goals: result.goals.map((g) => ({
      goal: g.goal,
      title: g.title,
      mut: g.mut,
      lowerBound: g.mut === null ? null : g.lowerBound,
      exact: g.exact,
      passes: passes(g, min),
      sufficient: sufficientSets(g, min).map((set) => ({
        cost: set.reduce((sum, m) => sum + m.cost, 0),
        messUps: set.map((m) => ({
          id: m.id,
          template: m.template,
          title: m.title,
          category: m.category,
          cost: m.cost,
          locations: m.locations,
        })),
      })),
    })),
    assumptions,
    diagnostics: result.diagnostics,
  };
}

/** Unreachable passes; a MUT not proved exact is only as good as its lower bound. */
function passes(g: GoalResult, min: number): boolean {
  if (g.mut === null) return true;
  return (g.exact ? g.mut : g.lowerBound) >= min;
}

/** The witness, then the alternatives, that cost less than `min`; each set once. */
function sufficientSets(g: GoalResult, min: number): MessUpView[][] {
  const sets: MessUpView[][] = [];
  const seen = new Set<string>();
  const candidates = [
    ...(g.witness ? [g.witness.messUps] : []),
    ...g.alternatives.map((a) => a.messUps),
  ];
  for (const set of candidates) {
    const cost = set.reduce((sum, m) => sum + m.cost, 0);
    const key = set
      .map((m) => m.id)
      .sort()
      .join('\n');
    if (cost >= min || seen.has(key)) continue;
    seen.add(key);
    sets.push(set);
  }
  return sets;
}

function minOption(value: string | undefined): number {
  if (value === undefined) throw new UsageError('--min N is required', 'check');
  if (!/^\d+$/.test(value))
    throw new UsageError(`--min must be a whole number >= 0, not '${value}'`, 'check');
  return Number(value);
}
