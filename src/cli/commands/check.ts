import type {
  AnalysisResult,
  Contribution,
  GoalContribution,
  GoalResult,
  MessUpView,
} from '../../engine/index.ts';
import { loadEngine } from '../loadEngine.ts';
import {
  analysisFlags,
  baselineOption,
  goalsOption,
  parseCommandArgs,
  requirePaths,
  startOption,
} from '../args.ts';
import { failOnErrors, nonErrorLines } from '../diagnostics.ts';
import { messUpSentence, messUpSetLines } from '../formatAnalysis.ts';
import { exitCodes, InputError, showHelp, UsageError, type CliIo } from '../io.ts';
import { assumptionLine, assumptionsOf } from '../assumptions.ts';
import { junitXml } from '../junit.ts';
import { formatOption, outputFlags, sarifText, writeOutputFile } from '../outputs.ts';
import { analyzeWithProgress } from '../progress.ts';
import { noteMemoryNeed } from '../memory.ts';
import { readInputs } from '../readInputs.ts';
import { styleFor } from '../style.ts';
import { shown } from '../terminalText.ts';

// A CI gate: every goal must need at least N simultaneous mess-ups.

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, {
    ...analysisFlags,
    ...outputFlags,
    min: { type: 'string' },
    'max-drop': { type: 'string' },
  });
  if (values.help) return showHelp(io, 'check');
  const maxDrop = wholeNumber('--max-drop', values['max-drop']);
  // Without --min, only the drop is gated: every MUT meets 0.
  const min =
    maxDrop === undefined ? minOption(values.min) : (wholeNumber('--min', values.min) ?? 0);
  const format = formatOption('check', values, ['text', 'json', 'sarif', 'junit']);
  const goals = goalsOption('check', values.goal);
  const start = startOption('check', values.from);
  const baseline = baselineOption('check', values.baseline);
  const files = readInputs(requirePaths('check', positionals), io);
  noteMemoryNeed('check', files, io);
  const { analyze, contribution } = await loadEngine();
  const options = { goals, start, baseline };
  const result = analyzeWithProgress(files, io, () =>
    analyze(files, { ...options, findings: false }),
  );
  failOnErrors(result.diagnostics, 'check');
  for (const line of nonErrorLines(result.diagnostics)) io.stderr(line + '\n');
  const assumptions = assumptionsOf(files, { goals, start, baseline: result.baseline.id });
  if (assumptions.length) io.stderr(assumptionLine(assumptions));
  const added = maxDrop === undefined ? undefined : contribution(files, options, result);
  const gate: Gate = { min, maxDrop, added };

  // A gate over no goal would pass anything: the ThreatModel's goals were all invalid.
  if (result.goals.length === 0)
    throw new InputError([
      'mut check: no goal to check: the ThreatModel lists none that is valid (see the warnings above)',
    ]);
  const failing = result.goals.filter((g, i) => !passesGate(g, i, gate));
  const code = failing.length ? exitCodes.failed : exitCodes.ok;
  const lowered = result.goals.filter((_g, i) => !passesDrop(gate, i)).map((g) => g.goal);
  if (values.sarif !== undefined)
    writeOutputFile(
      values.sarif,
      await sarifText(result, { min, lowered, assumptions }),
      io,
      'check',
    );
  if (format === 'sarif') {
    io.stdout(await sarifText(result, { min, lowered, assumptions }));
    return code;
  }
  if (format === 'json') {
    io.stdout(JSON.stringify(checkJson(result, gate, assumptions), null, 2) + '\n');
    return code;
  }
  if (format === 'junit') {
    const goalsOut = result.goals.map((g, i) => ({
      goal: g,
      passes: passesGate(g, i, gate),
      detail: [
        ...sufficientSets(g, min).map((set) => set.map((m) => m.title).join(' + ')),
        ...dropLines(gate, i),
      ].join('\n'),
    }));
    io.stdout(junitXml(goalsOut, min, { baseline: result.baseline.id, maxDrop }));
    return code;
  }
  const s = styleFor(io.color);
  const on = `on baseline ${result.baseline.id}`;
  if (failing.length === 0) {
    const summary = result.goals
      .map((g) => `${shown(g.goal)} ${g.mut ?? 'unreachable'}`)
      .join(', ');
    const what =
      maxDrop === undefined
        ? `every goal has MUT >= ${min}`
        : values.min === undefined
          ? `no goal's MUT drops by more than ${maxDrop} below the baseline's`
          : `every goal has MUT >= ${min} and none drops by more than ${maxDrop} below the baseline's`;
    io.stdout(`${s.green('OK')}: ${what} (${summary}) ${on}\n`);
    return exitCodes.ok;
  }
  const out: string[] = [];
  result.goals.forEach((g, i) => {
    if (passesGate(g, i, gate)) {
      out.push(`${s.green('ok')}   ${shown(g.title)}: MUT ${g.mut ?? 'unreachable'}`);
      return;
    }
    if (passes(g, min)) {
      out.push(`${s.red('FAIL')} ${shown(g.title)}: ${dropVerdict(added!.goals[i]!, maxDrop!)}`);
      const c = added!.goals[i]!;
      // The ways that lower it: cheaper than the baseline alone.
      const opened = c.opened.filter((w) => c.baselineMut === null || w.cost < c.baselineMut);
      if (opened.length) {
        out.push('     Your objects open these cheaper ways in:');
        for (const way of opened) out.push(...messUpSetLines(way.messUps, '       '));
      }
      return;
    }
    const verdict = g.exact
      ? `MUT ${g.mut} < ${min}`
      : `MUT ${g.mut} found, but only >= ${g.lowerBound} proved (< ${min})`;
    out.push(`${s.red('FAIL')} ${shown(g.title)}: ${verdict}`);
    if (g.mut === 0) {
      out.push('     Reachable today: nothing more has to go wrong.');
      for (const line of dropLines(gate, i)) out.push(`     ${line}`);
      return;
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
      set.forEach((m, j) =>
        out.push(
          j === 0
            ? lead + messUpSentence(m)
            : `${' '.repeat(lead.length - 2)}+ ${messUpSentence(m)}`,
        ),
      );
    }
    for (const line of dropLines(gate, i)) out.push(`     ${line}`);
  });
  const what =
    maxDrop === undefined
      ? `below MUT ${min}`
      : values.min === undefined
        ? `lowered by more than ${maxDrop}`
        : `below MUT ${min} or lowered by more than ${maxDrop}`;
  out.push(
    '',
    `${failing.length} of ${result.goals.length} goal${result.goals.length === 1 ? '' : 's'} ${what} ${on}`,
  );
  io.stdout(out.join('\n') + '\n');
  return exitCodes.failed;
}

/** The gates of one run: `--min`, and `--max-drop` with what the input adds. */
interface Gate {
  min: number;
  maxDrop: number | undefined;
  added: Contribution | undefined;
}

function passesGate(g: GoalResult, i: number, gate: Gate): boolean {
  return passes(g, gate.min) && passesDrop(gate, i);
}

/**
 * The input lowers no goal by more than `--max-drop`. A goal about the input's own objects
 * has no baseline value and is not gated; a goal the baseline alone cannot reach and the
 * input can is lowered without bound.
 */
function passesDrop(gate: Gate, i: number): boolean {
  const c = gate.added?.goals[i];
  if (gate.maxDrop === undefined || !c || !c.comparable || !c.lowers) return true;
  return c.drop !== null && c.drop <= gate.maxDrop;
}

function dropVerdict(c: GoalContribution, maxDrop: number): string {
  if (c.baselineMut === null)
    return `the baseline alone cannot reach it; the input makes it reachable (MUT ${c.mut})`;
  return `MUT ${c.mut}, ${c.drop} below the baseline's ${c.baselineMut} (more than ${maxDrop})`;
}

/** A goal that fails `--max-drop` (a goal below `--min` too says it after its sets). */
function dropLines(gate: Gate, i: number): string[] {
  const c = gate.added?.goals[i];
  if (!c || passesDrop(gate, i)) return [];
  return [`Lowered by the input: ${dropVerdict(c, gate.maxDrop!)}`];
}

/** `check --json`: the verdict per goal and the sets that break the gate (docs/cli.md). */
function checkJson(result: AnalysisResult, gate: Gate, assumptions: readonly string[]) {
  const { min, maxDrop } = gate;
  return {
    baseline: { id: result.baseline.id, title: result.baseline.title },
    min,
    ...(maxDrop === undefined ? {} : { maxDrop }),
    passed: result.goals.every((g, i) => passesGate(g, i, gate)),
    goals: result.goals.map((g, i) => ({
      goal: g.goal,
      title: g.title,
      mut: g.mut,
      lowerBound: g.mut === null ? null : g.lowerBound,
      exact: g.exact,
      passes: passesGate(g, i, gate),
      ...dropJson(gate, i),
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

/** With --max-drop: the baseline's MUT, the drop, and whether the drop passes. */
function dropJson(gate: Gate, i: number) {
  const c = gate.added?.goals[i];
  if (!c) return {};
  return {
    baselineMut: c.baselineMut,
    comparable: c.comparable,
    drop: c.drop,
    passesDrop: passesDrop(gate, i),
  };
}

function minOption(value: string | undefined): number {
  if (value === undefined) throw new UsageError('--min N or --max-drop N is required', 'check');
  return wholeNumber('--min', value)!;
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${flag} must be a whole number >= 0, not '${value}'`, 'check');
  return Number(value);
}
