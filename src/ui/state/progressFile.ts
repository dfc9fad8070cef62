// The progress file: "Export my progress" writes JSON (read back by "Import") and a Markdown
// summary for an instructor. Loaded with the library view only. An import is hostile input:
// validated against the library, merged into what this browser has, never trusted.
import {
  checkRecord,
  emptyProgress,
  isObject,
  mergeProgress,
  type BestMut,
  type ProgressExport,
  type ProgressStore,
  type ScenarioOutline,
  type ScenarioProgress,
} from './progress';

export const maxImportBytes = 1024 * 1024;

/** Every scenario's record, as the JSON file "Export my progress" writes. */
export function exportProgress(
  store: ProgressStore,
  scenarios: readonly ScenarioOutline[],
  now = new Date(),
): ProgressExport {
  const out: Record<string, ScenarioProgress> = {};
  for (const scenario of scenarios) {
    const p = store.load(scenario);
    if (p.won.length || p.seconds || p.best !== null || p.solutionLoaded.length || p.finished)
      out[scenario.id] = p;
  }
  return { format: 'mutlab-progress', version: 1, exportedAt: now.toISOString(), scenarios: out };
}

const formatBest = (best: BestMut | null) =>
  best === null ? '–' : best === 'unreachable' ? '∞' : String(best);

function formatSeconds(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The summary a learner hands to an instructor. */
export function progressMarkdown(
  data: ProgressExport,
  scenarios: readonly ScenarioOutline[],
): string {
  const lines = [
    '# MUT Lab progress',
    '',
    `Exported ${data.exportedAt}.`,
    '',
    '| Scenario | Stages won | Best MUT reached | Reference solution loaded | Time spent | Finished |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const scenario of scenarios) {
    const p = data.scenarios[scenario.id] ?? emptyProgress();
    const title = (id: string) => scenario.stages.find((s) => s.id === id)?.title ?? id;
    lines.push(
      `| ${cell(scenario.title)} | ${p.won.length} of ${scenario.stages.length} | ${formatBest(p.best)} | ${
        p.solutionLoaded.length ? cell(p.solutionLoaded.map(title).join(', ')) : 'no'
      } | ${formatSeconds(p.seconds)} | ${p.finished ? 'yes' : 'no'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const cell = (text: string) => text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

export interface ImportResult {
  /** The records read, by scenario id (only scenarios of this library). */
  scenarios: Map<string, ScenarioProgress>;
  /** What was left out, in words. */
  skipped: string[];
}

/** Reads an exported progress file; throws an Error whose message says what is wrong. */
export function parseProgressImport(
  text: string,
  scenarios: readonly ScenarioOutline[],
): ImportResult {
  if (text.length > maxImportBytes)
    throw new Error(`The file is larger than ${maxImportBytes / 1024} KiB: not a progress export.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON: choose the .json file “Export my progress” wrote.');
  }
  if (!isObject(data) || data.format !== 'mutlab-progress')
    throw new Error('The file is not a MUT Lab progress export.');
  if (data.version !== 1)
    throw new Error(
      `The file is a progress export of version ${String(data.version)}; this page reads version 1.`,
    );
  if (!isObject(data.scenarios)) throw new Error('The file has no scenarios.');
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const out = new Map<string, ScenarioProgress>();
  const skipped: string[] = [];
  for (const [id, value] of Object.entries(data.scenarios)) {
    const scenario = byId.get(id);
    if (!scenario) {
      skipped.push(`“${id.slice(0, 60)}” is not a scenario of this library`);
      continue;
    }
    const checked = checkRecord(value, scenario);
    if (checked.progress) out.set(id, checked.progress);
    skipped.push(...checked.problems.map((p) => `${scenario.title}: ${p}`));
  }
  return { scenarios: out, skipped };
}

/** Reads a progress file and merges it into `store`; says what was restored and left out. */
export function importProgressText(
  store: ProgressStore,
  scenarios: readonly ScenarioOutline[],
  text: string,
): string {
  const result = parseProgressImport(text, scenarios);
  for (const scenario of scenarios) {
    const record = result.scenarios.get(scenario.id);
    if (!record) continue;
    const order = scenario.stages.map((s) => s.id);
    store.update(scenario, (p) => mergeProgress(p, record, order));
  }
  const count = result.scenarios.size;
  return (
    `Progress of ${count} ${count === 1 ? 'scenario' : 'scenarios'} restored.` +
    (result.skipped.length ? ` Left out: ${result.skipped.slice(0, 5).join('; ')}.` : '')
  );
}
