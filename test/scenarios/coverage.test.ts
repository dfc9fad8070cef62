import { describe, expect, it } from 'vitest';
import { analyze, techniqueCatalogue } from '../../src/engine';
import { loadScenario } from '../../src/scenarios';
import { listScenarioFolders, readScenarioFolder } from '../../src/scenarios/node';
import { checkScenario } from '../../src/scenarios/verify';

// Together the scenarios exercise every technique of the catalogue: a technique is
// exercised when it is a step of some goal's witness at a stage's start or in its solution.

/** Techniques no sensible scenario can show in a witness, and why. */
const notExercisable: Record<string, string> = {
  'kubelet-read-only-port':
    'the engine gives the read-only port reconnaissance only (recon:<node>), which no technique builds on, so it never lies on a path to a goal',
};

/**
 * Techniques a scenario could exercise but none does yet: reported on every run, and the
 * test fails as soon as one of them is covered (take it off the list) or a technique
 * outside both lists is not covered.
 */
const notYetCovered: string[] = [];

function exercised(): Map<string, Set<string>> {
  const where = new Map<string, Set<string>>();
  for (const dir of listScenarioFolders('scenarios')) {
    const { scenario } = loadScenario(dir, readScenarioFolder(dir));
    if (!scenario) continue;
    for (const stage of checkScenario(scenario, analyze).stages)
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
  }
  return where;
}

describe('technique coverage of the scenario library', () => {
  const where = exercised();

  it('exercises every technique at least once', () => {
    const missing = techniqueCatalogue
      .map((t) => t.id)
      .filter((id) => !where.has(id) && !(id in notExercisable));
    if (missing.length > 0)
      console.log(`techniques no scenario exercises yet:\n  ${missing.join('\n  ')}`);
    expect(missing.filter((id) => !notYetCovered.includes(id))).toEqual([]);
    expect(notYetCovered.filter((id) => where.has(id))).toEqual([]);
  });

  it('lists as not exercisable only techniques that really are not', () => {
    const ids = new Set(techniqueCatalogue.map((t) => t.id));
    for (const id of Object.keys(notExercisable)) {
      expect(ids.has(id), `${id} is not a technique`).toBe(true);
      expect(where.has(id), `${id} is exercised after all: remove it from the list`).toBe(false);
    }
  });
});
