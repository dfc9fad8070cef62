import { describe, expect, it } from 'vitest';
import { analyze, techniqueCatalogue } from '../../src/engine';
import { loadScenario } from '../../src/scenarios';
import { listScenarioFolders, readScenarioFolder } from '../../src/scenarios/node';
import { checkScenario } from '../../src/scenarios/verify';

// Together the scenarios exercise every technique of the catalogue: a technique is
// exercised when it is a step of some goal's witness at a stage's start or in its solution.

/**
 * Techniques that give reconnaissance only, so they never lie on a path to a goal: they
 * are exercised when a stage shows them as a finding (the learner sees the open door).
 */
const reconnaissance: Record<string, string> = {
  'kubelet-read-only-port':
    'the read-only port discloses pod specs (recon:<node>); no technique builds on that, so the lesson is its finding',
};

function exercised(): Map<string, Set<string>> {
  const where = new Map<string, Set<string>>();
  for (const dir of listScenarioFolders('scenarios')) {
    const { scenario } = loadScenario(dir, readScenarioFolder(dir));
    if (!scenario) continue;
    const { stages } = checkScenario(scenario, analyze);
    for (const stage of stages)
      for (const [result, when] of [
        [stage.start, 'start'],
        [stage.solution, 'solution'],
      ] as const)
        for (const goal of result.goals)
          for (const step of goal.witness?.steps ?? []) {
            const set = where.get(step.technique) ?? new Set<string>();
            set.add(`${scenario.folder}/${stage.id} (${when}, ${goal.goal})`);
            where.set(step.technique, set);
          }
    for (const stage of stages)
      for (const finding of stage.start.findings)
        if (finding.technique && finding.technique in reconnaissance) {
          const set = where.get(finding.technique) ?? new Set<string>();
          set.add(
            `${scenario.folder}/${stage.id} (start, finding at ${finding.location.file}:${finding.location.line})`,
          );
          where.set(finding.technique, set);
        }
  }
  return where;
}

describe('technique coverage of the scenario library', () => {
  const where = exercised();

  it('exercises every technique at least once', () => {
    const missing = techniqueCatalogue.map((t) => t.id).filter((id) => !where.has(id));
    expect(missing, 'techniques no scenario exercises in a witness').toEqual([]);
  });

  it('counts findings only for techniques that give reconnaissance and nothing else', () => {
    const ids = new Set(techniqueCatalogue.map((t) => t.id));
    for (const id of Object.keys(reconnaissance))
      expect(ids.has(id), `${id} is not a technique`).toBe(true);
  });
});
