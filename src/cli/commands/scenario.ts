import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import {
  folderPattern,
  formatMut,
  loadScenario,
  meetsTarget,
  type Scenario,
  type ScenarioError,
} from '../../scenarios/index.ts';
import { listScenarioFolders } from '../../scenarios/node.ts';
import { checkScenario } from '../../scenarios/verify.ts';
import { loadEngine } from '../loadEngine.ts';
import { parseCommandArgs } from '../args.ts';
import { exitCodes, InputError, showHelp, UsageError, type CliIo } from '../io.ts';
import { readScenarioFiles } from '../scenarioFiles.ts';
import { packagedScenarios } from '../packagedScenarios.ts';
import { styleFor } from '../style.ts';
import { shown } from '../terminalText.ts';

// The lessons under scenarios/: recompute what each stage declares, or export a stage's
// manifests for review with `mut analyze`.

export async function runScenario(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('scenario', args, {
    stage: { type: 'string' },
    solution: { type: 'boolean' },
    root: { type: 'string' },
  });
  if (values.help) return showHelp(io, 'scenario');
  const [action, ...rest] = positionals;
  const root = values.root ?? defaultRoot(io);
  if (action === 'verify') {
    if (values.stage !== undefined || values.solution)
      throw new UsageError('--stage and --solution belong to export', 'scenario');
    return verify(rest, root, io);
  }
  if (action === 'export') {
    const [id, outdir, ...extra] = rest;
    if (id === undefined || outdir === undefined || extra.length)
      throw new UsageError('export takes a scenario id and an output folder', 'scenario');
    return exportStage(id, stageOption(values.stage), Boolean(values.solution), outdir, root, io);
  }
  throw new UsageError(
    action === undefined ? 'verify or export?' : `unknown action '${action}'`,
    'scenario',
  );
}

async function verify(dirs: string[], root: string, io: CliIo): Promise<number> {
  const s = styleFor(io.color);
  const folders = dirs.length
    ? dirs.map((d) => d.replace(/(.)\/+$/, '$1'))
    : scenarioFolders(root, io);
  if (folders.length === 0) {
    io.stdout(`no scenario folders (<NN>-<id>) under ${root}/\n`);
    return exitCodes.failed;
  }
  const { analyze } = await loadEngine();
  const ok = s.green('✓');
  const bad = s.red('✗');
  let failed = 0;
  let stageCount = 0;
  for (const dir of folders) {
    const loaded = load(dir, io);
    io.stdout(
      `scenario ${loaded.scenario ? `'${shown(loaded.scenario.id)}' ` : ''}(${shown(dir)})\n`,
    );
    if (!loaded.scenario) {
      failed++;
      for (const e of loaded.errors) io.stdout(`  ${bad} ${formatScenarioError(e)}\n`);
      continue;
    }
    const { problems, stages } = checkScenario(loaded.scenario, analyze, parentOf(dir));
    loaded.scenario.stages.forEach((stage, i) => {
      const check = stages[i];
      if (!check) return;
      stageCount++;
      const startOk = check.startMut === stage.startMut;
      const solutionOk = meetsTarget(check.solutionMut, stage.target);
      io.stdout(
        `  stage ${i + 1} '${shown(stage.title)}': start MUT ${formatMut(check.startMut)} (declared ${formatMut(stage.startMut)}) ${startOk ? ok : bad}, ` +
          `solution MUT ${formatMut(check.solutionMut)} ≥ ${stage.target.atLeast}${stage.target.goal ? ` (${stage.target.goal})` : ''} ${solutionOk ? ok : bad}\n`,
      );
    });
    if (problems.length) failed++;
    for (const e of problems) io.stdout(`  ${bad} ${formatScenarioError(e)}\n`);
  }
  const scenarios = plural(folders.length, 'scenario');
  if (failed) {
    io.stdout(`${s.red('FAIL')}: ${failed} of ${scenarios} with problems\n`);
    return exitCodes.failed;
  }
  io.stdout(`${s.green('OK')}: ${scenarios}, ${plural(stageCount, 'stage')}\n`);
  return exitCodes.ok;
}

function exportStage(
  id: string,
  stageNumber: number,
  solution: boolean,
  outdir: string,
  root: string,
  io: CliIo,
): number {
  const folders = scenarioFolders(root, io);
  const dir = folders.find((f) => {
    const name = basename(f);
    return name === id || folderPattern.exec(name)?.[2] === id;
  });
  if (!dir) {
    const known = folders.map((f) => folderPattern.exec(basename(f))?.[2] ?? basename(f));
    throw new UsageError(
      `unknown scenario '${id}' under ${root}/ (known: ${known.join(', ') || 'none'})`,
      'scenario',
    );
  }
  const { scenario, errors } = load(dir, io);
  if (!scenario) {
    io.stderr(errors.map((e) => formatScenarioError(e) + '\n').join(''));
    return exitCodes.failed;
  }
  const stage = scenario.stages[stageNumber - 1];
  if (!stage)
    throw new UsageError(
      `scenario '${scenario.id}' has stages 1 to ${scenario.stages.length}, not ${stageNumber}`,
      'scenario',
    );
  const target = resolve(io.cwd, outdir);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length))
    throw new InputError([
      `${outdir}:1:1: error: not an empty folder: remove it or choose another, so no stale manifest is analysed with the stage`,
    ]);
  const files = solution ? stage.solutionFiles : stage.startFiles;
  for (const file of files) {
    const path = resolve(target, file.path);
    if (!path.startsWith(target + sep)) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  mkdirSync(target, { recursive: true });
  io.stdout(
    `wrote ${plural(files.length, 'file')} of stage ${stageNumber} '${stage.title}' ` +
      `(${solution ? 'solution' : 'start'}) of '${scenario.id}' to ${outdir}; run: mut analyze ${outdir}\n`,
  );
  return exitCodes.ok;
}

function scenarioFolders(root: string, io: CliIo): string[] {
  const path = resolve(io.cwd, root);
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new InputError([`${root}:1:1: error: cannot read: no such folder`]);
  return listScenarioFolders(path).map((f) => joinRoot(root, basename(f)));
}

/**
 * `scenarios` in the current folder when there is one (a checkout), else the scenarios that
 * ship with the package, so `mut scenario verify` works wherever mut is installed.
 */
function defaultRoot(io: CliIo): string {
  const local = resolve(io.cwd, 'scenarios');
  return existsSync(local) ? 'scenarios' : packagedScenarios();
}

function joinRoot(root: string, name: string): string {
  return `${root.replace(/\/+$/, '')}/${name}`;
}

function load(dir: string, io: CliIo): { scenario?: Scenario; errors: ScenarioError[] } {
  const path = resolve(io.cwd, dir);
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new InputError([`${dir}:1:1: error: cannot read: no such folder`]);
  const read = readScenarioFiles(path);
  for (const note of read.notes) io.stderr(`${shown(dir)}/${note}\n`);
  if (read.problems.length)
    throw new InputError(
      read.problems.map((p) => `${shown(dir)}/${p.replace(': cannot', ':1:1: error: cannot')}`),
    );
  return loadScenario(dir, read.files);
}

/** `a/b/01-x` → `a/b`; `01-x` → '' (problems then name files from the folder itself). */
function parentOf(dir: string): string {
  const name = basename(dir);
  return dir.slice(0, dir.length - name.length).replace(/\/+$/, '');
}

function formatScenarioError(e: ScenarioError): string {
  return `${shown(e.file)}${e.line ? `:${e.line}` : ''}: ${shown(e.message)}${e.path ? ` (at ${shown(e.path)})` : ''}`;
}

function stageOption(value: string | undefined): number {
  if (value === undefined) throw new UsageError('export needs --stage N', 'scenario');
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--stage must be a stage number from 1, not '${value}'`, 'scenario');
  return Number(value);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
