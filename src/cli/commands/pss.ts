import type { PodSecurityReport } from '../../engine/index.ts';
import { loadEngine } from '../loadEngine.ts';
import { parseCommandArgs, requirePaths } from '../args.ts';
import { failOnErrors, nonErrorLines } from '../diagnostics.ts';
import { exitCodes, showHelp, UsageError, type CliIo } from '../io.ts';
import { readInputs } from '../readInputs.ts';
import { styleFor, type Style } from '../style.ts';
import { shown } from '../terminalText.ts';

// Pod Security admission, offline: what `enforce: <level>` would say to each pod.

export async function runPss(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('pss', args, {
    level: { type: 'string' },
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
  });
  if (values.help) return showHelp(io, 'pss');
  const level = values.level;
  if (level !== 'baseline' && level !== 'restricted')
    throw new UsageError(
      level === undefined
        ? '--level is required: baseline or restricted'
        : `--level must be baseline or restricted, not '${level}'`,
      'pss',
    );
  const files = readInputs(requirePaths('pss', positionals), io);
  const { podSecurity } = await loadEngine();
  const report = podSecurity(files, level);
  failOnErrors(report.diagnostics, 'pss');
  if (values.json) {
    io.stdout(JSON.stringify(report, null, 2) + '\n');
  } else {
    for (const line of nonErrorLines(report.diagnostics)) io.stderr(line + '\n');
    io.stdout(formatPodSecurity(report, styleFor(io.color)));
  }
  const denied = report.pods.some((p) => !p.allowed);
  return values.strict && denied ? exitCodes.failed : exitCodes.ok;
}

export function formatPodSecurity(report: PodSecurityReport, s: Style): string {
  const out = [s.bold(`Pod Security Standards, level ${report.level}:`)];
  if (report.pods.length === 0) out.push('  no pods or pod templates found');
  for (const pod of report.pods) {
    const verdict = pod.allowed ? s.green('allowed') : s.red('denied ');
    out.push(
      `  ${verdict} ${shown(pod.object)} ${s.dim(`(${shown(pod.location.file)}:${pod.location.line})`)}`,
    );
    for (const v of pod.violations)
      out.push(
        `            - ${s.cyan(v.check)} ${s.dim(`(${shown(v.location.file)}:${v.location.line})`)}: ${shown(v.message)}`,
      );
  }
  const denied = report.pods.filter((p) => !p.allowed).length;
  const total = report.pods.length;
  out.push(`${total} pod${total === 1 ? '' : 's'}: ${total - denied} allowed, ${denied} denied`);
  return out.join('\n') + '\n';
}
