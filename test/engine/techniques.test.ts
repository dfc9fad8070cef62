// One data-driven test over the technique fixtures: for every technique, an exploitable
// cluster that the attacker takes with it, and a safe one where its defence holds.
// The verdict is in the file name, the reason on the first line (style practice 4).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { techniqueFixtures, type TechniqueFixture } from './fixtureFiles';

/**
 * Engine gaps a fixture documents but the engine cannot pass yet. Each entry is a real
 * bug, reported to the lead; the test is `it.fails` so it turns red once fixed.
 */
const knownGaps: Record<string, string> = {
  // kubelet-read-only-port derives `recon:<node>`, which no rule and no goal uses: the
  // technique can never change a MUT nor appear in a witness (only in findings).
  'kubelet-read-only-port/exploitable-read-only-port.yaml':
    'recon:<node> leads nowhere, so the read-only port never helps an attack',
};

function run(f: TechniqueFixture) {
  const result = analyze([{ path: f.path, text: f.text }]);
  const errors = result.diagnostics.filter((d) => d.severity !== 'info');
  return { result, errors };
}

function describeGoal(g: { goal: string; mut: number | null; witness: unknown }): string {
  const steps =
    (g.witness as { steps: { technique: string }[] } | null)?.steps
      .map((s) => s.technique)
      .join(' > ') ?? 'no witness';
  return `${g.goal}: MUT ${g.mut} via ${steps}`;
}

const fixtures = techniqueFixtures();

describe('technique fixtures', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const f of fixtures) {
    const gap = knownGaps[f.path];
    const test = gap ? it.fails : it;
    const title = `${f.technique}: ${f.verdict} ${f.name} (${f.reason ?? 'no reason'})${gap ? ` [engine gap: ${gap}]` : ''}`;

    test(title, () => {
      const { result, errors } = run(f);
      // A fixture is valid input: warnings would mean it does not say what it means.
      expect(errors, 'fixture diagnostics').toEqual([]);
      expect(result.goals.length, 'the fixture names its goals').toBeGreaterThan(0);
      for (const g of result.goals) {
        const used = g.witness?.steps.map((s) => s.technique) ?? [];
        const context = describeGoal(g);
        if (f.verdict === 'exploitable') {
          expect(g.mut, context).toBe(f.expectedMut ?? 0);
          expect(g.exact, context).toBe(true);
          expect(used, context).toContain(f.technique);
        } else {
          if (f.expectedMut !== undefined) expect(g.mut, context).toBe(f.expectedMut);
          else expect(g.mut === null || g.mut > 0, context).toBe(true);
          expect(used, context).not.toContain(f.technique);
        }
      }
    });
  }
});
