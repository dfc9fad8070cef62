// Rewriting a built-in role matters only to an attacker who holds the aggregation
// controller's account (the one identity of the bootstrap policy allowed to escalate them):
// its rules are grounded only when the finished graph lets the attacker hold that account.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AttackGraph } from '../../src/engine/graph/graph.ts';
import { analyze, ground } from '../../src/engine/index.ts';
import { fixturesDir } from './fixtureFiles.ts';

/** Rules that write every right into a built-in ClusterRole (its facts are named either way). */
function builtinEscalated(graph: AttackGraph): string[] {
  const heads: string[] = [];
  for (let r = 0; r < graph.rules.count; r++) {
    const head = graph.facts[graph.rules.head[r]!]!;
    if (head.startsWith('escalated:ClusterRole:/system:')) heads.push(head);
  }
  return heads;
}

const tokenFixture = readFileSync(
  join(fixturesDir, 'rbac-escalate', 'exploitable-aggregation-controller-token.yaml'),
  'utf8',
);

describe('built-in roles rewritten', () => {
  it('are not grounded when nobody may become the aggregation controller', () => {
    // The same cluster without the Role that mints its token.
    const text = tokenFixture.replace(
      'resourceNames: [clusterrole-aggregation-controller]',
      'resourceNames: [someone-else]',
    );
    const { graph } = ground([{ path: 'c.yaml', text }]);
    expect(builtinEscalated(graph)).toEqual([]);
    expect(analyze([{ path: 'c.yaml', text }]).goals[0]!.mut).not.toBe(0);
  });

  it('name their facts all the same, in the same order, recorded or replayed', async () => {
    // The first grounding of a process records what the left-out rules name; later ones
    // name it again from the record. The search breaks ties by fact numbers.
    const text = tokenFixture.replace(
      'resourceNames: [clusterrole-aggregation-controller]',
      'resourceNames: [someone-else]',
    );
    vi.resetModules();
    const fresh = (await import('../../src/engine/index.ts')).ground;
    const first = fresh([{ path: 'c.yaml', text }]).graph;
    const again = fresh([{ path: 'c.yaml', text }]).graph;
    expect(again.facts).toEqual(first.facts);
    expect(again.initial).toEqual(first.initial);
    expect(first.facts).toContain('escalated:ClusterRole:/system:basic-user');
  });

  it('are grounded, and taken, when the attacker may mint its token', () => {
    const files = [{ path: 'c.yaml', text: tokenFixture }];
    expect(builtinEscalated(ground(files).graph).length).toBeGreaterThan(10);
    const [goal] = analyze(files).goals;
    expect(goal!.mut).toBe(0);
    expect(goal!.witness!.steps.map((s) => s.technique)).toContain('rbac-escalate');
  });
});

describe('built-in roles rewritten, after the fact table starts again', () => {
  it('are grounded when the attacker may mint the token, as in a fresh process', async () => {
    // A long session outgrows the fact table, which then starts again before a grounding: the
    // identities that may rewrite a built-in role, kept per role across analyses, must be
    // those of the new table, or the finished graph never finds them held.
    vi.resetModules();
    const engine = await import('../../src/engine/index.ts');
    const { factLimits } = await import('../../src/engine/graph/facts.ts');
    const files = [{ path: 'c.yaml', text: tokenFixture }];
    const expected = engine.analyze(files).goals[0]!;
    expect(expected.mut).toBe(0);
    const bound = factLimits.maxFacts;
    factLimits.maxFacts = 1;
    try {
      for (let i = 0; i < 2; i++) {
        const [goal] = engine.analyze(files).goals;
        expect(goal!.mut).toBe(0);
        expect(goal!.witness!.steps.map((s) => s.technique)).toContain('rbac-escalate');
        expect(builtinEscalated(engine.ground(files).graph).length).toBeGreaterThan(10);
      }
    } finally {
      factLimits.maxFacts = bound;
    }
  });
});
