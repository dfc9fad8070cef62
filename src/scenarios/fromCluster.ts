// "Save as a scenario": a cluster brought into the page and the edits that raised its MUT,
// written as a scenario folder of one stage (the cluster as brought in is the start, the edits
// are the reference solution), with the MUTs measured by the engine. The folder is loaded
// and checked here exactly as `mut scenario verify` would (verify.ts), so what the page
// offers to download is what the CLI accepts. Pure: the engine comes in as a parameter.

import { stringify } from 'yaml';
import type { AnalysisResult, InputFile } from '../engine';
import { checkScenario, type Analyze } from './verify';
import { clusterFolder, formatMut, loadScenario, scenarioFile, stageMut } from './index';
import type { ScenarioError } from './index';

export interface ClusterScenarioInput {
  /** kebab-case; the folder is `90-<id>`. */
  id: string;
  title: string;
  /** The cluster as brought in (with the ThreatModel that says where the attacker starts). */
  start: readonly InputFile[];
  /** The same files after the edits. */
  solution: readonly InputFile[];
  goals: readonly string[];
  attackerStart: string;
}

export interface ClusterScenario {
  /** `90-<id>`: the zip holds this one folder. */
  folder: string;
  /** Every file of the folder, by path relative to it. */
  files: Record<string, string>;
  startMut: number | null;
  solutionMut: number | null;
  /** What `mut scenario verify` would say; empty when it accepts the folder. */
  problems: ScenarioError[];
}

export const folderNumber = '90';
const stageDir = 'stages/1-raise-the-mut';

/** Scenario paths are `.yaml` manifests: JSON files (which are YAML) get the suffix. */
const manifestPath = (path: string) =>
  /\.ya?ml$/i.test(path) ? path : `${path.replace(/\.json$/i, '')}.yaml`;

export function kebabId(text: string): string {
  const id = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return id || 'my-cluster';
}

function where(result: AnalysisResult): { messUps: string[]; lines: string[] } {
  const goal = [...result.goals]
    .filter((g) => g.mut !== null)
    .sort((a, b) => (a.mut ?? 0) - (b.mut ?? 0))[0];
  const messUps = goal?.witness?.messUps.map((m) => m.title) ?? [];
  const lines = (goal?.witness?.steps ?? [])
    .flatMap((s) => s.locations.map((l) => `${l.file}, line ${l.line}`))
    .filter((l, i, all) => all.indexOf(l) === i);
  return { messUps, lines };
}

export function scenarioFromCluster(
  input: ClusterScenarioInput,
  analyze: Analyze,
): ClusterScenario {
  const id = kebabId(input.id);
  const folder = `${folderNumber}-${id}`;
  const start = input.start.map((f) => ({ path: manifestPath(f.path), text: f.text }));
  const solution = input.solution.map((f) => ({ path: manifestPath(f.path), text: f.text }));
  const before = new Map(start.map((f) => [f.path, f.text]));
  const changed = solution.filter((f) => before.get(f.path) !== f.text);
  const options = { goals: [...input.goals], start: input.attackerStart };
  const startResult = analyze(start, options);
  const solutionResult = analyze(solution, options);
  const startMut = stageMut(startResult, { atLeast: 0 });
  const solutionMut = stageMut(solutionResult, { atLeast: 0 });
  const atLeast = solutionMut ?? (startMut ?? 0) + 1;
  const hint = where(startResult);

  const yaml = {
    id,
    title: input.title.trim() || 'Your cluster',
    summary: `A cluster brought into MUT Lab, at MUT ${formatMut(startMut)}: raise it to ${atLeast}.`,
    audience: 'The team that runs this cluster.',
    difficulty: 'intermediate',
    minutes: 20,
    objectives: [
      `Raise the mess-up tolerance of this cluster from ${formatMut(startMut)} to ${atLeast}.`,
    ],
    attacker: { start: input.attackerStart },
    goals: [...input.goals],
    references: [
      {
        title: 'Kubernetes docs: Security checklist',
        url: 'https://kubernetes.io/docs/concepts/security/security-checklist/',
      },
      {
        title: 'Kubernetes docs: Role Based Access Control good practices',
        url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
      },
    ],
    stages: [
      {
        id: 'raise-the-mut',
        title: `Raise the MUT to ${atLeast}`,
        brief: `${stageDir}/brief.md`,
        startMut,
        target: { atLeast },
        hints: [
          hint.messUps.length
            ? `The cheapest attack needs: ${hint.messUps.join('; ')}.`
            : 'Read the cheapest attack under the map: which step needs no mistake at all?',
          hint.lines.length
            ? `The attack relies on ${hint.lines.slice(0, 4).join('; ')}.`
            : 'Look at the lines the editor marks.',
        ],
        editable: changed.map((f) => f.path),
        solution: `${stageDir}/solution`,
      },
    ],
    debrief: 'debrief.md',
  };

  const files: Record<string, string> = {
    [scenarioFile]: `# Saved from MUT Lab's "Your cluster" page. Check it with: mut scenario verify ${folder}\n${stringify(yaml, { lineWidth: 100 })}`,
    [`${stageDir}/brief.md`]:
      `# ${yaml.stages[0]?.title}\n\nThis cluster needs **${formatMut(startMut)}** ${startMut === 1 ? 'mistake' : 'mistakes'} at once ` +
      `before an attacker reaches ${input.goals.map((g) => `\`${g}\``).join(', ')} from \`${input.attackerStart}\`. ` +
      `Change the manifests until at least **${atLeast}** must go wrong at the same time.\n`,
    'debrief.md':
      `# What changed\n\nThe reference solution raised the MUT from ${formatMut(startMut)} to ${formatMut(solutionMut)} ` +
      `by changing:\n\n${changed.map((f) => `- \`${f.path}\``).join('\n') || '- nothing'}\n`,
  };
  for (const f of start) files[`${clusterFolder}/${f.path}`] = f.text;
  for (const f of changed) files[`${stageDir}/solution/${f.path}`] = f.text;

  const problems: ScenarioError[] = [];
  const file = `${folder}/${scenarioFile}`;
  if (changed.length === 0)
    problems.push({
      file,
      path: '/stages/0/solution',
      message:
        'nothing was edited: edit the cluster until its MUT rises; the edits become the stage’s reference solution',
    });
  else if (startMut === null)
    problems.push({
      file,
      path: '/stages/0/startMut',
      message: 'the attacker cannot reach any goal even before the edits: nothing to teach',
    });
  else if (solutionMut !== null && solutionMut <= startMut)
    problems.push({
      file,
      path: '/stages/0/target',
      message: `the edits do not raise the MUT (${formatMut(startMut)} before, ${formatMut(solutionMut)} after)`,
    });
  if (problems.length === 0) {
    const loaded = loadScenario(folder, files);
    problems.push(...loaded.errors);
    if (loaded.scenario) problems.push(...checkScenario(loaded.scenario, analyze, '').problems);
  }
  return { folder, files, startMut, solutionMut, problems };
}
