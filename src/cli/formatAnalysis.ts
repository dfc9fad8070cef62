import type {
  AnalysisResult,
  Contribution,
  GoalContribution,
  Finding,
  GoalResult,
  MessUpView,
  SourceLocation,
  StepView,
} from '../engine/index.ts';
import { diagnosticLines } from './diagnostics.ts';
import type { Style } from './style.ts';
import { shown } from './terminalText.ts';

// `mut analyze` for a reader: per goal the number, why it is that number (the witness
// mess-ups and the attack steps that use them), the other ways in; then findings and notes.

const findingsShown = 10;

/** The ways in the input opens listed per goal; the JSON lists them all. */
const openedShown = 5;

export function formatAnalysis(
  result: AnalysisResult,
  s: Style,
  contribution?: Contribution,
): string {
  const out: string[] = [baselineLine(result)];
  out.push('');
  if (result.goals.length === 0)
    out.push(s.yellow('No goal to analyse (see the diagnostics).'), '');
  result.goals.forEach((goal, i) => {
    out.push(...goalLines(goal, s));
    const added = contribution?.goals[i];
    if (added) out.push('', ...contributionLines(added, s));
    out.push('');
  });
  out.push(...findingLines(result.findings, s));
  const notes = result.diagnostics.length;
  if (notes) out.push('', s.bold(`Diagnostics (${notes}):`));
  for (const line of diagnosticLines(result.diagnostics)) out.push(`  ${line}`);
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

export function goalLines(g: GoalResult, s: Style): string[] {
  if (g.mut === null) {
    return [
      `${s.bold(`MUT for ${shown(g.title)}:`)} ${s.green('unreachable in this model')}`,
      '  (no set of candidate mess-ups reaches it)',
    ];
  }
  const out = [`${s.bold(`MUT for ${shown(g.title)}:`)} ${mutColor(g.mut, s)(String(g.mut))}`];
  out.push(
    g.exact
      ? '  (exact: no cheaper set exists)'
      : `  (not proved exact: the search stopped early; no set cheaper than ${g.lowerBound} exists)`,
  );
  const witness = g.witness;
  if (witness) {
    out.push('', '  Mess-ups that suffice:');
    if (witness.messUps.length === 0)
      out.push('    none: the goal is reachable today, nothing more has to go wrong');
    witness.messUps.forEach((m, i) => out.push(`    ${i + 1}. ${messUpSentence(m)}`));
    out.push('', '  Attack steps:');
    witness.steps.forEach((step, i) => out.push(`    ${i + 1}. ${stepLine(step, s)}`));
  }
  if (g.alternatives.length) {
    out.push('', '  Other ways in:');
    for (const [cost, sets] of byCost(g.alternatives)) {
      out.push(`    cost ${cost}:`);
      for (const set of sets) out.push(...messUpSetLines(set, '      '));
    }
    if (g.alternativesTruncated) out.push(s.dim('    … and more (the list was cut)'));
  } else if (g.alternativesTruncated && g.mut !== null) {
    // An empty list that was cut says nothing: say so, not "no other way".
    out.push(
      '',
      s.dim(
        g.exact
          ? '  Other ways in: none listed (the search for them stopped early)'
          : '  Other ways in: not searched (the MUT is not proved)',
      ),
    );
  }
  return out;
}

/** Which control plane the defaults came from, named in every output. */
export function baselineLine(result: AnalysisResult): string {
  return `Baseline: ${result.baseline.id} (${result.baseline.title}; --baseline to change)`;
}

/** What the input adds to one goal: the baseline alone against the input, and what it opens. */
export function contributionLines(c: GoalContribution, s: Style): string[] {
  const out = [`  What the input adds: ${contributionVerdict(c)}`];
  if (c.opened.length === 0) {
    out.push("    No way in needs one of the input's objects.");
    return out;
  }
  out.push(`  Your objects open these ways in (${c.opened.length}):`);
  for (const way of c.opened.slice(0, openedShown))
    out.push(...messUpSetLines(way.messUps, '    '));
  if (c.opened.length > openedShown)
    out.push(s.dim(`    … and ${c.opened.length - openedShown} more (--json lists them all)`));
  return out;
}

function contributionVerdict(c: GoalContribution): string {
  const alone = c.baselineMut === null ? 'unreachable' : `MUT ${c.baselineMut}`;
  if (!c.comparable)
    return `the baseline alone: ${alone}; not compared, as the goal or the attacker's start names the input's own objects`;
  if (c.mut === null)
    return c.baselineMut === null
      ? 'the goal is unreachable with the baseline alone and with the input'
      : `the baseline alone has MUT ${c.baselineMut}; the input makes the goal unreachable`;
  if (c.baselineMut === null)
    return `the baseline alone cannot reach the goal; the input makes it reachable (MUT ${c.mut})`;
  if (c.drop! > 0)
    return `the baseline alone has MUT ${c.baselineMut}; the input lowers it to ${c.mut} (by ${c.drop})`;
  if (c.drop! < 0)
    return `the baseline alone has MUT ${c.baselineMut}; the input raises it to ${c.mut}`;
  return `the baseline alone has MUT ${c.baselineMut} too: the input does not lower it`;
}

/** "Someone binds cluster-admin to group G (misconfiguration)", with the cost when not 1. */
export function messUpSentence(m: MessUpView): string {
  const detail = m.cost === 1 ? m.category : `${m.category}, cost ${m.cost}`;
  return `${shown(m.title)} (${detail})`;
}

/** One mess-up set as a bullet, its members joined by "+" on following lines. */
export function messUpSetLines(set: readonly MessUpView[], indent: string): string[] {
  if (set.length === 0) return [`${indent}- nothing: the goal is reachable today`];
  return set.map((m, i) => `${indent}${i === 0 ? '-' : '  +'} ${messUpSentence(m)}`);
}

function stepLine(step: StepView, s: Style): string {
  const where = locationList(step.locations);
  return `${s.cyan(`[${step.technique}]`)} ${shown(step.from)} → ${shown(step.to)}${where ? ` ${s.dim(`(${where})`)}` : ''}`;
}

/** `file:line` of each distinct line, in order. */
export function locationList(locations: readonly SourceLocation[]): string {
  return [...new Set(locations.map((l) => `${shown(l.file)}:${l.line}`))].join(', ');
}

function byCost<T extends { cost: number; messUps: MessUpView[] }>(
  alternatives: readonly T[],
): [number, MessUpView[][]][] {
  const groups = new Map<number, MessUpView[][]>();
  for (const a of alternatives) {
    const list = groups.get(a.cost) ?? [];
    list.push(a.messUps);
    groups.set(a.cost, list);
  }
  return [...groups].sort((a, b) => a[0] - b[0]);
}

function mutColor(mut: number, s: Style) {
  if (mut <= 1) return s.red;
  if (mut === 2) return s.yellow;
  return s.green;
}

function findingLines(findings: readonly Finding[], s: Style): string[] {
  if (findings.length === 0) return [s.bold('Findings: none')];
  const out = [s.bold(`Findings (${findings.length}):`)];
  for (const f of findings.slice(0, findingsShown)) {
    const what = f.technique ?? f.check ?? '';
    out.push(
      `  - ${shown(f.object)}: ${shown(f.message)} ${s.cyan(`[${what}]`)} ${s.dim(`(${shown(f.location.file)}:${f.location.line})`)}`,
    );
  }
  if (findings.length > findingsShown)
    out.push(`  … and ${findings.length - findingsShown} more (--json lists them all)`);
  return out;
}
