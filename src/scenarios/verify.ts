// The scenario self-test: every number a scenario declares is recomputed by the engine.
// The engine comes in as a parameter, so this file stays a pure function of its inputs.

import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import { refusedWorkloads } from './admission';
import { startProblems } from './runnable';
import {
  formatMut,
  meetsTarget,
  scenarioFile,
  stageMut,
  type Scenario,
  type ScenarioError,
} from './index';

export type Analyze = (files: readonly InputFile[], options?: AnalyzeOptions) => AnalysisResult;

export interface StageCheck {
  id: string;
  /** What the engine computes for the stage's start and for its reference solution. */
  startMut: number | null;
  solutionMut: number | null;
  start: AnalysisResult;
  solution: AnalysisResult;
}

export interface Verification {
  problems: ScenarioError[];
  stages: StageCheck[];
}

/** Runs the engine over every stage's start and solution and compares with what is declared. */
export function checkScenario(
  scenario: Scenario,
  analyze: Analyze,
  root = 'scenarios',
): Verification {
  const problems: ScenarioError[] = [];
  const dir = root ? `${root}/${scenario.folder}` : scenario.folder;
  const file = `${dir}/${scenarioFile}`;
  const options: AnalyzeOptions = { goals: scenario.goals, start: scenario.start };
  const stages: StageCheck[] = [];

  if (scenario.references.length === 0)
    problems.push({
      file,
      path: '/references',
      message: 'no references: ground the scenario in real advice',
    });
  scenario.references.forEach((r, i) => {
    if (!r.title.trim() || !r.url.trim())
      problems.push({
        file,
        path: `/references/${i}`,
        message: 'a reference needs a title and a url',
      });
  });

  // Where the scenario starts: its bare Pods are running there, whatever later stages change.
  const first = scenario.stages[0];
  const startingPoint = first && {
    files: first.startFiles,
    result: analyze(first.startFiles, options),
  };

  scenario.stages.forEach((stage, i) => {
    const here = `/stages/${i}`;
    if (stage.hints.length === 0 || stage.hints.some((h) => !h.trim()))
      problems.push({
        file,
        path: `${here}/hints`,
        message: 'every stage needs at least one non-empty hint',
      });

    const start = analyze(stage.startFiles, options);
    const solution = analyze(stage.solutionFiles, options);
    const startMut = stageMut(start, stage.target);
    const solutionMut = stageMut(solution, stage.target);
    stages.push({ id: stage.id, startMut, solutionMut, start, solution });

    for (const [result, where] of [
      [start, 'at the start'],
      [solution, 'in the solution'],
    ] as const)
      for (const d of result.diagnostics)
        if (d.severity === 'error')
          problems.push({
            file: `${dir}/cluster/${d.file}`,
            path: '',
            line: d.line,
            message: `stage ${stage.id} ${where}: ${d.message}`,
          });

    // A cluster that could not run as written teaches nothing true: Pod Security admission
    // would refuse a workload in its own namespace, or the control plane would not start.
    for (const [files, result, where] of [
      [stage.startFiles, start, 'at the start'],
      [stage.solutionFiles, solution, 'in the solution'],
    ] as const) {
      for (const r of refusedWorkloads(files, result, startingPoint))
        problems.push({
          file: `${dir}/cluster/${r.file}`,
          path: '',
          line: r.line,
          message:
            r.enforce === 'allow-privileged'
              ? `stage ${stage.id} ${where}: the API server runs without --allow-privileged=true, so it would refuse ${r.object} (a privileged container)`
              : `stage ${stage.id} ${where}: namespace ${r.namespace} enforces ${r.enforce}, which would refuse ${r.object} (${r.checks.join(', ')})`,
        });
      for (const p of startProblems(files))
        problems.push({
          file: `${dir}/cluster/${p.file}`,
          path: '',
          line: p.line,
          message: `stage ${stage.id} ${where}: ${p.message}`,
        });
    }

    if (startMut !== stage.startMut)
      problems.push({
        file,
        path: `${here}/startMut`,
        message: `declared ${formatMut(stage.startMut)}, the engine computes ${formatMut(startMut)}`,
      });
    if (meetsTarget(startMut, stage.target))
      problems.push({
        file,
        path: `${here}/target`,
        message: `the stage is won before the learner does anything (MUT ${formatMut(startMut)} meets at least ${stage.target.atLeast})`,
      });
    if (!meetsTarget(solutionMut, stage.target))
      problems.push({
        file,
        path: `${here}/solution`,
        message: `the reference solution reaches MUT ${formatMut(solutionMut)}, short of the target (at least ${stage.target.atLeast})`,
      });
  });
  return { problems, stages };
}

/** The problems of a scenario; none means every declared number is what the engine computes. */
export function verifyScenario(
  scenario: Scenario,
  analyze: Analyze,
  root = 'scenarios',
): ScenarioError[] {
  return checkScenario(scenario, analyze, root).problems;
}
