// rbac-escalate leaves out rewriting the built-in roles (ctx.leaveOutUnlessHeld): the first
// grounding of a process records the facts that rewriting names, later ones name them again
// from the record. Recording asks the authorizer about `escalate`, `update` and `patch` on each
// role; a technique asking those requests too must get the same graph whether the process
// recorded them in this grounding or an earlier one, and whatever was asked before the record.

import { describe, expect, it, vi } from 'vitest';
import { generateCluster } from '../../bench/synthetic.ts';
import type { AttackGraph } from '../../src/engine/graph/graph.ts';
import type { Technique } from '../../src/engine/techniques/technique.ts';
import type { InputFile } from '../../src/engine/types.ts';
import { plainGraph } from './plainGraph.ts';

/** When the probe asks about every built-in ClusterRole: before rbac-escalate, after it. */
interface Probe {
  before: boolean;
  after: boolean;
}

/** The engine's modules as a new process loads them, with probes placed around rbac-escalate. */
async function freshEngine() {
  vi.resetModules();
  const { buildGraph } = await import('../../src/engine/graph/buildGraph.ts');
  const { techniques } = await import('../../src/engine/techniques/index.ts');
  const { request } = await import('../../src/engine/authz/requests.ts');
  const { readObjects } = await import('../../src/engine/manifests/objects.ts');
  const { parseFiles } = await import('../../src/engine/manifests/parseFiles.ts');
  const { buildModel } = await import('../../src/engine/model/buildModel.ts');
  const probe: Probe = { before: false, after: false };
  const probing = (when: keyof Probe): Technique => ({
    id: `probe-${when}`,
    title: '',
    description: '',
    references: [],
    remediation: '',
    rules(ctx) {
      if (!probe[when]) return;
      for (const role of ctx.model.rbac.roles.values()) {
        if (!role.builtin || role.kind !== 'ClusterRole') continue;
        for (const verb of ['escalate', 'update', 'patch'])
          ctx.can(request(verb, 'clusterroles', { namespace: '', name: role.name }));
      }
    },
  });
  const list = techniques as Technique[];
  const at = list.findIndex((t) => t.id === 'rbac-escalate');
  list.splice(at + 1, 0, probing('after'));
  list.splice(at, 0, probing('before'));
  const graphOf = (files: readonly InputFile[]): AttackGraph => {
    const { model } = buildModel(readObjects(parseFiles(files).documents).objects);
    return buildGraph(
      model,
      model.threat.goals.map((g) => g.id),
      model.threat.start,
    );
  };
  return { probe, graphOf };
}

const cluster = generateCluster(10, 42);

describe('rewriting the built-in roles, left out and recorded', () => {
  it('gives the first grounding of a process the graph later ones get', async () => {
    const { probe, graphOf } = await freshEngine();
    probe.after = true;
    const first = plainGraph(graphOf(cluster));
    const later = plainGraph(graphOf(cluster));
    // The probe's requests are grounded: full rights cluster-wide allow them.
    expect(first.rules.length).toBeGreaterThan(0);
    expect(later).toEqual(first);
  });

  it('records the same whatever a technique asked before it', async () => {
    // The record made where the requests were asked first, replayed where they were not...
    const recordedAfterAsking = await freshEngine();
    recordedAfterAsking.probe.before = true;
    recordedAfterAsking.graphOf(cluster);
    recordedAfterAsking.probe.before = false;
    recordedAfterAsking.probe.after = true;
    const replayed = plainGraph(recordedAfterAsking.graphOf(cluster));
    // ...against a process that records it where they were not.
    const fresh = await freshEngine();
    fresh.probe.after = true;
    expect(replayed).toEqual(plainGraph(fresh.graphOf(cluster)));
  });
});
