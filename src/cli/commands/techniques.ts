import { messUpCatalogue, techniqueCatalogue } from '../../engine/index.ts';
import { parseCommandArgs } from '../args.ts';
import { exitCodes, showHelp, UsageError, type CliIo } from '../io.ts';
import { styleFor } from '../style.ts';

export function runTechniques(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('techniques', args, {
    verbose: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) return showHelp(io, 'techniques');
  if (positionals.length)
    throw new UsageError(`unexpected argument '${positionals[0]}'`, 'techniques');
  if (values.json) {
    io.stdout(
      JSON.stringify({ techniques: techniqueCatalogue, messUps: messUpCatalogue }, null, 2) + '\n',
    );
    return exitCodes.ok;
  }
  const s = styleFor(io.color);
  const out = [s.bold(`Techniques (${techniqueCatalogue.length}):`)];
  for (const t of techniqueCatalogue) {
    out.push(`  ${s.cyan(t.id)}: ${t.title}`);
    out.push(`      ${s.dim(t.references.join(', '))}`);
    if (values.verbose)
      out.push(...paragraph(t.description), ...paragraph(`Fix: ${t.remediation}`), '');
  }
  out.push('', s.bold(`Mess-up templates (${messUpCatalogue.length}):`));
  for (const m of messUpCatalogue) {
    out.push(`  ${s.cyan(m.id)} (${m.category}): ${m.title}`);
    if (m.references.length) out.push(`      ${s.dim(m.references.join(', '))}`);
    if (values.verbose) out.push(...paragraph(m.description), '');
  }
  io.stdout(out.join('\n').replace(/\n+$/, '') + '\n');
  return exitCodes.ok;
}

/** Text wrapped at 80 columns, indented under its entry. */
function paragraph(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > 74) {
      lines.push(`      ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`      ${line}`);
  return lines;
}
