// A map node is named in a learner's words: a right the attack passes through reads
// "impersonate users bob", never the engine's fact key "can:*:impersonate::users:bob"
// (which the leaked-credentials scenario's first map showed, twice).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine';
import { loadScenario } from '../../src/scenarios';
import { readScenarioFolder } from '../../src/scenarios/node';
import { buildMapGraph, nodeOfFact } from '../../src/ui/map/graph';

/** How the engine's fact keys begin (src/engine/graph/facts.ts), or their empty API group. */
const factKey = /^(can|as|perm|bindable|escalated|exec|reach|at|goal|secret|impersonator)(:|$)|::/;

describe('map nodes for what the attack holds', () => {
  it.each([
    ['can:*:impersonate::users:bob', 'impersonate users bob', 'right · cluster-wide'],
    [
      'can:*:impersonate::groups:system:masters',
      'impersonate groups system:masters',
      'right · cluster-wide',
    ],
    ['can:payments:get::secrets:stripe-key', 'get secrets stripe-key', 'right · payments'],
    ['can:shop:create:batch:jobs:', 'create jobs', 'right · shop'],
    [
      'can:*:approve:certificates.k8s.io:signers:kubernetes.io/kube-apiserver-client',
      'approve signers kubernetes.io/kube-apiserver-client',
      'right · cluster-wide',
    ],
    ['impersonator', 'impersonate a user', 'right · cluster-wide'],
    ['escalated:Role:payments/team-lead', 'team-lead rewritten', 'Role'],
    ['bindable:Role:shop/secret-auditor@shop', 'secret-auditor bound', 'Role · in shop'],
    ['bindable:ClusterRole:/admin@*', 'admin bound', 'ClusterRole · cluster-wide'],
  ])('%s reads "%s" (%s)', (fact, label, detail) => {
    const node = nodeOfFact(fact);
    expect(node).toMatchObject({ id: fact, kind: 'rights', label, detail });
  });

  it('never names a node of the leaked-credentials scenario by a fact key', () => {
    const dir = 'scenarios/02-leaked-credentials';
    const { scenario } = loadScenario(dir, readScenarioFolder(dir));
    for (const stage of scenario!.stages) {
      const result = analyze(stage.startFiles, { goals: scenario!.goals, start: scenario!.start });
      for (const goal of result.goals) {
        const map = buildMapGraph([], goal.witness?.steps ?? [], new Map());
        for (const node of map.nodes) expect(node.label, node.id).not.toMatch(factKey);
      }
    }
  });
});
