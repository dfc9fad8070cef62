import type { AnalysisJson, MessUpJson } from './analysisJson';
import type { SourceLocation } from '../types';

// The analysis as Markdown, for a ticket, a pull request or a hand-in: the same content as the
// JSON document (it is built from it), in the order a reader asks: how many mistakes, which,
// how the attack goes and where it is written, what else would do, what helps an attacker now.

export interface MarkdownOptions {
  /** The heading: the scenario and stage, or "Your cluster". */
  title: string;
}

const mutText = (mut: number | null) => (mut === null ? '∞ (unreachable)' : String(mut));

/** Text in a table cell or list item: no stray Markdown from manifest names or messages. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

function where(locations: readonly SourceLocation[]): string {
  if (locations.length === 0) return '';
  return ` (${locations.map((l) => `\`${l.file.replace(/`/g, "'")}:${l.line}\``).join(', ')})`;
}

function messUpLine(m: MessUpJson): string {
  const cost = m.cost === 1 ? '' : `, cost ${m.cost}`;
  return `${md(m.title)} (${m.category}${cost})${where(m.locations)}`;
}

export function analysisMarkdown(doc: AnalysisJson, options: MarkdownOptions): string {
  const out: string[] = [`# ${md(options.title)}`, ''];
  out.push(`Baseline: ${md(doc.baseline.id)} (${md(doc.baseline.title)}).`, '');
  out.push('| goal | MUT | proved |', '| --- | --- | --- |');
  for (const g of doc.goals)
    out.push(
      `| ${md(g.title)} | ${mutText(g.mut)} | ${g.exact ? 'exact' : `at least ${g.lowerBound ?? '?'}`} |`,
    );
  out.push('');
  if (doc.assumptions.length)
    out.push(`Assumed (no ThreatModel): ${doc.assumptions.map(md).join('; ')}.`, '');

  for (const g of doc.goals) {
    out.push(`## ${md(g.title)}: MUT ${mutText(g.mut)}`, '');
    if (!g.witness) {
      out.push('No set of mess-ups lets the attacker reach this goal in this model.', '');
      continue;
    }
    if (g.witness.messUps.length === 0) out.push('Reachable today: no mistake is needed.', '');
    else {
      out.push('### The cheapest mess-ups', '');
      g.witness.messUps.forEach((m, i) => out.push(`${i + 1}. ${messUpLine(m)}`));
      out.push('');
    }
    out.push('### Attack steps', '');
    g.witness.steps.forEach((s, i) =>
      out.push(
        `${i + 1}. **${md(s.title)}** \`${s.technique}\`: ${md(s.from)} → ${md(s.to)}${where(s.locations)}`,
      ),
    );
    out.push('');
    if (g.alternatives.length) {
      out.push('### Other ways in', '');
      for (const a of g.alternatives)
        out.push(`- cost ${a.cost}: ${a.messUps.map(messUpLine).join('; ')}`);
      if (g.alternativesTruncated) out.push('- … (more, cut at 20)');
      out.push('');
    }
  }

  out.push(`## Findings (${doc.findings.length})`, '');
  if (doc.findings.length === 0) out.push('None.');
  for (const f of doc.findings)
    out.push(
      `- ${md(f.object)}: ${md(f.message)} \`${f.technique ?? f.check ?? ''}\`${where([f.location])}`,
    );
  out.push('');
  if (doc.refused.length) {
    // Listed apart from the findings: these pods are not a way in, they are not there at all,
    // which a reader of a low MUT may take for a defence.
    out.push(`## Pods that do not run (${doc.refused.length})`, '');
    for (const r of doc.refused)
      out.push(`- ${md(r.object)}: ${refusalText(r)}${where([r.location])}`);
    out.push('');
  }
  const notes = doc.diagnostics.filter((d) => d.severity !== 'info');
  if (notes.length) {
    out.push(`## Diagnostics (${notes.length})`, '');
    for (const d of notes) out.push(`- ${d.severity}: ${md(d.message)}${where([d])}`);
    out.push('');
  }
  return out.join('\n');
}

function refusalText(r: AnalysisJson['refused'][number]): string {
  if (r.by === 'allow-privileged')
    return 'the API server runs without `--allow-privileged=true` and refuses its privileged container';
  if (r.by === 'unschedulable') return 'no node of the input fits it, so it stays Pending';
  return `Pod Security \`${r.level ?? 'restricted'}\` on namespace ${md(r.namespace)} refuses it (${r.checks.map(md).join(', ')})`;
}
