// A mess-up template may name one target twice: a Deployment and a StatefulSet of the same
// name in a namespace are both `<namespace>/<name>` to the templates that speak of workloads.
// The graph keeps one candidate per id (buildGraph drops a template's repeated targets, which
// GraphBuilder.messUp no longer checks).

import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/engine/graph/buildGraph.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';

const workload = (kind: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx`;

describe('mess-up candidates', () => {
  it('are one per id when two workloads share a name', () => {
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop',
      workload('Deployment'),
      workload('StatefulSet'),
    ].join('\n---\n');
    const { model } = buildModel(
      readObjects(parseFiles([{ path: 'a.yaml', text }]).documents).objects,
    );
    const graph = buildGraph(
      model,
      model.threat.goals.map((g) => g.id),
      model.threat.start,
    );
    const ids = graph.messUps.map((m) => m.id);
    expect(ids).toContain('privileged-deploy:shop/web');
    expect(ids.length).toBe(new Set(ids).size);
  });
});
