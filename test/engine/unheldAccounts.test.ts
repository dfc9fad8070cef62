// The bootstrap policy's grants to the control plane's own accounts (the controllers' service
// accounts, the scheduler's user) are grounded only when some attack could become one of
// them: otherwise the finished graph would drop every one of those rules anyway. Leaving them
// out must leave the graph exactly as it was: the same facts in the same order (the search
// breaks ties by fact numbers), the same rules in the same order, the same mess-ups.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/synthetic.ts';
import { analyze, ground } from '../../src/engine/index.ts';
import { fixturesDir, techniqueFixtures } from './fixtureFiles.ts';
import { groundedBothWays as bothWays, plainGraph as plain } from './plainGraph.ts';

const controllerToken = readFileSync(
  join(fixturesDir, 'rbac-permissions', 'exploitable-controller-account-token.yaml'),
  'utf8',
);

describe("the control plane's accounts' grants", () => {
  it('leave the graph as grounding them all gives it, on synthetic clusters', () => {
    for (const [size, seed] of [
      [10, 42],
      [100, 42],
      [300, 3],
    ] as const) {
      const { leftOut, full } = bothWays(generateCluster(size, seed));
      expect(plain(leftOut), `${size} objects, seed ${seed}`).toEqual(plain(full));
    }
  });

  it('leave the graph as grounding them all gives it, for every technique fixture', () => {
    for (const f of techniqueFixtures()) {
      const { leftOut, full } = bothWays([{ path: f.path, text: f.text }]);
      expect(plain(leftOut), f.path).toEqual(plain(full));
    }
  });

  it('are grounded, and taken, when the attacker may mint a controller’s token', () => {
    const files = [{ path: 'c.yaml', text: controllerToken }];
    const { graph } = ground(files);
    const account = graph.idOf('as:sa:kube-system:replicaset-controller')!;
    const granted: string[] = [];
    for (let r = 0; r < graph.rules.count; r++)
      if (graph.rules.bodyOf(r).includes(account)) granted.push(graph.facts[graph.rules.head[r]!]!);
    expect(granted).toContain('can:ops:create::pods:');
    const [goal] = analyze(files).goals;
    expect(goal!.mut).toBe(0);
    expect(goal!.witness!.steps.map((s) => s.technique)).toContain('create-service-account-token');
  });

  it('are left out of the graph when nobody may become those accounts', () => {
    // The same cluster, with the token minted for another account, and without the
    // controller's ServiceAccount object: with it, a mess-up granting full rights could mint
    // its token too, and the graph would keep its grants (they could fire).
    const text = controllerToken
      .replace('resourceNames: [replicaset-controller]', 'resourceNames: [someone-else]')
      .split('---\n')
      .filter((doc) => !doc.includes('kind: ServiceAccount\nmetadata:\n  name: replicaset-'))
      .join('---\n');
    expect(text).not.toContain('name: replicaset-controller');
    const { graph } = ground([{ path: 'c.yaml', text }]);
    const account = graph.idOf('as:sa:kube-system:replicaset-controller');
    // Named all the same (fact numbers stay), but no rule of the graph starts from it.
    expect(account).toBeDefined();
    for (let r = 0; r < graph.rules.count; r++)
      expect(graph.rules.bodyOf(r).includes(account!)).toBe(false);
    expect(analyze([{ path: 'c.yaml', text }]).goals[0]!.mut).not.toBe(0);
  });
});
