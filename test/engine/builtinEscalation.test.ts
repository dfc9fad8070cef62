// Rewriting a built-in role matters only to an attacker who holds the aggregation
// controller's account (the one identity of the bootstrap policy allowed to escalate them):
// its rules are grounded only when the finished graph lets the attacker hold that account.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, ground } from '../../src/engine/index.ts';
import { fixturesDir } from './fixtureFiles.ts';

const builtinEscalated = (facts: readonly string[]) =>
  facts.filter((f) => f.startsWith('escalated:ClusterRole:/system:'));

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
    expect(builtinEscalated(graph.facts)).toEqual([]);
    expect(analyze([{ path: 'c.yaml', text }]).goals[0]!.mut).not.toBe(0);
  });

  it('are grounded, and taken, when the attacker may mint its token', () => {
    const files = [{ path: 'c.yaml', text: tokenFixture }];
    expect(builtinEscalated(ground(files).graph.facts).length).toBeGreaterThan(10);
    const [goal] = analyze(files).goals;
    expect(goal!.mut).toBe(0);
    expect(goal!.witness!.steps.map((s) => s.technique)).toContain('rbac-escalate');
  });
});
