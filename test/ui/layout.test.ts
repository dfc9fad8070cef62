import { describe, expect, it } from 'vitest';
import type { StepView } from '../../src/engine';
import type { InventoryItem } from '../../src/machines/scenarioMachine';
import { buildMapGraph, type MapGraph } from '../../src/ui/map/graph';
import { boundsOf, layoutMap, type Point } from '../../src/ui/map/layout';

const inventory: InventoryItem[] = [
  {
    id: 'api',
    kind: 'Pod',
    name: 'kube-apiserver',
    namespace: 'kube-system',
    file: 'kube-apiserver.yaml',
    line: 3,
  },
  {
    id: 'remote-access',
    kind: 'RemoteAccess',
    name: 'corporate VPN',
    file: 'threat-model.yaml',
    line: 1,
  },
  { id: 'id:user:alice', kind: 'User', name: 'alice', file: 'rbac.yaml', line: 20 },
  { id: 'id:group:developers', kind: 'Group', name: 'developers', file: 'rbac.yaml', line: 20 },
  {
    id: 'pod:shop/Deployment/web',
    kind: 'Deployment',
    name: 'web',
    namespace: 'shop',
    file: 'shop.yaml',
    line: 1,
  },
];

const step = (fromFact: string, toFact: string, messUps: string[] = []): StepView => ({
  technique: `${fromFact}->${toFact}`,
  title: `from ${fromFact} to ${toFact}`,
  from: fromFact,
  to: toFact,
  fromFact,
  toFact,
  messUps,
  locations: [],
});

const steps = [
  step('', 'as:group:developers', ['leak']),
  step('at:internet', 'at:corp', ['vpn']),
  step('at:corp', 'reach:api'),
  step('as:group:developers', 'perm:admin:*', ['bind']),
  step('perm:admin:*', 'goal:cluster-admin'),
];
const titles = new Map([
  ['leak', 'alice-kubeconfig leaks'],
  ['vpn', 'The VPN is compromised'],
  ['bind', 'Someone binds cluster-admin to group developers'],
]);

const graph = buildMapGraph(inventory, steps, titles);

/** A normalised SVG of the map, as observablehq/plot's snapshot tests keep them. */
function svgSnapshot(g: MapGraph, positions: Map<string, Point>): string {
  const box = boundsOf(positions);
  const lines = [`<svg viewBox="${box.x} ${box.y} ${box.width} ${box.height}">`];
  for (const edge of g.edges) {
    const a = positions.get(edge.source);
    const b = positions.get(edge.target);
    lines.push(
      `  <line data-edge="${edge.id}" x1="${a?.x}" y1="${a?.y}" x2="${b?.x}" y2="${b?.y}" shields="${edge.shields.map((s) => s.id).join(' ')}"/>`,
    );
  }
  for (const node of g.nodes) {
    const p = positions.get(node.id);
    lines.push(
      `  <g data-node="${node.id}" data-kind="${node.kind}" transform="translate(${p?.x},${p?.y})"><text>${node.label}</text></g>`,
    );
  }
  lines.push('</svg>', '');
  return lines.join('\n');
}

describe('map graph', () => {
  it('places the attack on nodes keyed in the fact vocabulary, with shields on guarded edges', () => {
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'api',
      'goal:cluster-admin',
      'id:group:developers',
      'id:user:alice',
      'internet',
      'perm:*',
      'pod:shop/Deployment/web',
      'remote-access',
    ]);
    expect(graph.edges.map((e) => [e.id, e.shields.map((s) => s.title)])).toEqual([
      ['internet->id:group:developers', ['alice-kubeconfig leaks']],
      ['internet->remote-access', ['The VPN is compromised']],
      ['remote-access->api', []],
      ['id:group:developers->perm:*', ['Someone binds cluster-admin to group developers']],
      ['perm:*->goal:cluster-admin', []],
    ]);
    expect(graph.nodes.find((n) => n.id === 'api')?.object?.line).toBe(3);
  });
});

describe('layoutMap', () => {
  it('is deterministic: same input, same positions', () => {
    const a = layoutMap(graph, { seed: 7 });
    const b = layoutMap(buildMapGraph([...inventory].reverse(), steps, titles), { seed: 7 });
    expect([...a.entries()]).toEqual([...b.entries()]);
  });

  it('keeps every known node where it was when the graph changes', () => {
    const before = layoutMap(graph, { seed: 7 });
    const grown = buildMapGraph(
      [
        ...inventory,
        {
          id: 'secret:shop/db',
          kind: 'Secret',
          name: 'db',
          namespace: 'shop',
          file: 'shop.yaml',
          line: 30,
        },
      ],
      steps.slice(0, 3),
      titles,
    );
    const after = layoutMap(grown, { seed: 7, previous: before });
    for (const [id, point] of before) if (after.has(id)) expect(after.get(id), id).toEqual(point);
    expect(after.get('secret:shop/db')).toBeDefined();
  });

  it('orders layers left to right: the Internet before the API server before the goal', () => {
    const p = layoutMap(graph, { seed: 7 });
    const x = (id: string) => p.get(id)?.x ?? NaN;
    expect(x('internet')).toBeLessThan(x('remote-access'));
    expect(x('remote-access')).toBeLessThan(x('api'));
    expect(x('api')).toBeLessThan(x('goal:cluster-admin'));
  });

  it('matches the golden SVG', async () => {
    await expect(svgSnapshot(graph, layoutMap(graph, { seed: 7 }))).toMatchFileSnapshot(
      './__snapshots__/map-remote-access.svg',
    );
  });

  it('lays out 300 nodes headless in reasonable time', () => {
    const many: InventoryItem[] = Array.from({ length: 300 }, (_v, i) => ({
      id: `pod:ns${i % 30}/Deployment/app${i}`,
      kind: 'Deployment',
      name: `app${i}`,
      file: 'big.yaml',
      line: i + 1,
    }));
    const t0 = performance.now();
    const p = layoutMap(buildMapGraph(many, steps, titles), { seed: 7 });
    expect(p.size).toBe(306);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
