// What the map shows, as data: nodes for the cluster's objects and for every capability the
// attack passes through (keyed in the engine's fact vocabulary, see src/engine/graph/facts.ts),
// edges for the witness's steps, and shields for the defences those steps need broken.
import type { StepView } from '../../engine';
import { parseRequestKey } from '../../engine/authz/requests';
import type { InventoryItem } from '../../machines/scenarioMachine';

export type NodeKind =
  | 'origin'
  | 'remote'
  | 'control'
  | 'identity'
  | 'rights'
  | 'workload'
  | 'network'
  | 'node'
  | 'cloud'
  | 'secret'
  | 'goal';

/** Left to right: where attacks start, to what they reach for. */
export const layerOf: Record<NodeKind, number> = {
  origin: 0,
  remote: 1,
  control: 2,
  identity: 3,
  network: 3,
  rights: 4,
  workload: 4,
  node: 5,
  cloud: 5,
  secret: 5,
  goal: 6,
};

export interface MapNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** A second line: the kind of object, or the scope. */
  detail: string;
  object: InventoryItem | null;
}

export interface Shield {
  id: string;
  title: string;
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  /** Index of the witness step(s) drawn by this edge. */
  steps: number[];
  title: string;
  shields: Shield[];
}

export interface MapGraph {
  nodes: MapNode[];
  edges: MapEdge[];
}

interface NodeRef {
  id: string;
  kind: NodeKind;
  label: string;
  detail: string;
}

function subjectRef(subject: string): NodeRef {
  const id = `id:${subject}`;
  if (subject === '*')
    return { id, kind: 'identity', label: 'any signed-in user', detail: 'identity' };
  if (subject.startsWith('user:'))
    return { id, kind: 'identity', label: subject.slice(5), detail: 'user' };
  if (subject.startsWith('group:'))
    return { id, kind: 'identity', label: subject.slice(6), detail: 'group' };
  if (subject.startsWith('sa:')) {
    const [ns, name] = subject.slice(3).split(':');
    return {
      id,
      kind: 'identity',
      label: `${name ?? ''}`,
      detail: `service account · ${ns ?? ''}`,
    };
  }
  return { id, kind: 'identity', label: subject, detail: 'identity' };
}

/** One RBAC right (`can:<ns>:<verb>:<group>:<resource>:<name>`) in a few words: verb, resource, name. */
function rightRef(id: string, request: string): NodeRef {
  const { scope, verb, resource, name } = parseRequestKey(request);
  return {
    id,
    kind: 'rights',
    label: [verb, resource, name].filter(Boolean).join(' '),
    detail: `right · ${scope === '*' ? 'cluster-wide' : scope}`,
  };
}

/**
 * A role the attacker rewrites (`escalated:<Kind>:<ns>/<name>`) or binds to itself
 * (`bindable:<Kind>:<ns>/<name>@<scope>`).
 */
function roleRef(id: string, kind: 'escalated' | 'bindable', tail: string): NodeRef {
  const [role = '', scope = ''] = tail.split('@');
  const [roleKind = '', path = ''] = role.split(':');
  const name = path.split('/').pop() ?? path;
  const where = kind === 'bindable' ? (scope === '*' ? 'cluster-wide' : `in ${scope}`) : '';
  return {
    id,
    kind: 'rights',
    label: `${name} ${kind === 'bindable' ? 'bound' : 'rewritten'}`,
    detail: [roleKind, where].filter(Boolean).join(' · '),
  };
}

function podRef(podId: string): NodeRef {
  const [ns, kind, name] = podId.split('/');
  return {
    id: `pod:${podId}`,
    kind: 'workload',
    label: name ?? podId,
    detail: `${kind ?? 'Pod'} · ${ns ?? ''}`,
  };
}

/** The map node a fact happens at. `hasRemote`: the corporate network is behind a remote-access service. */
export function nodeOfFact(fact: string, start = 'internet', hasRemote = false): NodeRef {
  const [kind = '', ...rest] = fact.split(':');
  const tail = rest.join(':');
  switch (kind) {
    case '':
      return nodeOfFact(`at:${start}`, start, hasRemote);
    case 'at':
      if (tail === 'internet')
        return { id: 'internet', kind: 'origin', label: 'Internet', detail: 'attacker start' };
      if (tail === 'corp')
        return hasRemote
          ? { id: 'remote-access', kind: 'remote', label: 'remote access', detail: 'VPN / bastion' }
          : { id: 'corp', kind: 'origin', label: 'corporate network', detail: 'network' };
      if (tail.startsWith('pod:')) return podRef(tail.slice(4));
      return { id: `at:${tail}`, kind: 'origin', label: tail, detail: 'attacker start' };
    case 'reach':
      if (tail === 'api')
        return { id: 'api', kind: 'control', label: 'API server', detail: 'kube-apiserver' };
      if (tail === 'etcd')
        return { id: 'etcd', kind: 'control', label: 'etcd', detail: 'datastore' };
      if (tail.startsWith('kubelet:')) return nodeRef(tail.slice(8));
      if (tail.startsWith('pod:')) return podRef(tail.slice(4));
      return { id: fact, kind: 'control', label: tail, detail: '' };
    case 'kubelet':
    case 'root':
    case 'tokens':
    case 'recon':
      return nodeRef(tail);
    case 'net':
      return {
        id: 'pod-network',
        kind: 'network',
        label: 'pod network',
        detail: 'cluster network',
      };
    case 'exec':
      return podRef(tail.split('#')[0] ?? tail);
    case 'as':
      return subjectRef(tail);
    case 'perm': {
      const scope = rest.slice(1).join(':');
      const ability = rest[0] ?? '';
      return {
        id: `perm:${scope}`,
        kind: 'rights',
        label: scope === '*' ? 'cluster-wide rights' : `rights in ${scope}`,
        detail: ability === 'admin' ? 'RBAC: everything' : 'RBAC',
      };
    }
    case 'can':
      return rightRef(fact, tail);
    case 'impersonator':
      return {
        id: fact,
        kind: 'rights',
        label: 'impersonate a user',
        detail: 'right · cluster-wide',
      };
    case 'escalated':
    case 'bindable':
      return roleRef(fact, kind, tail);
    case 'secret':
      return {
        id: `secret:${tail}`,
        kind: 'secret',
        label: tail.split('/').pop() ?? tail,
        detail: `Secret · ${tail.split('/')[0] ?? ''}`,
      };
    case 'cloud':
      return {
        id: 'cloud-metadata',
        kind: 'cloud',
        label: 'cloud metadata',
        detail: 'instance credentials',
      };
    case 'lured':
      return { id: 'lured', kind: 'workload', label: 'rescheduled workloads', detail: 'workloads' };
    case 'goal':
      return { id: fact, kind: 'goal', label: tail, detail: 'goal' };
    default:
      return { id: fact, kind: 'control', label: fact, detail: '' };
  }
}

function nodeRef(name: string): NodeRef {
  return { id: `node:${name}`, kind: 'node', label: name, detail: 'node' };
}

function refOfItem(item: InventoryItem): NodeRef {
  const id = item.id;
  if (id === 'api') return { id, kind: 'control', label: 'API server', detail: 'kube-apiserver' };
  if (id === 'remote-access')
    return { id, kind: 'remote', label: item.name, detail: 'remote access' };
  if (id.startsWith('pod:')) return podRef(id.slice(4));
  if (id.startsWith('id:')) return subjectRef(id.slice(3));
  if (id.startsWith('secret:')) return nodeOfFact(id);
  if (id.startsWith('node:')) return nodeRef(id.slice(5));
  return { id, kind: 'control', label: item.name, detail: item.kind };
}

/** The map of a cluster and of the cheapest attack on it. Order: stable, by id. */
export function buildMapGraph(
  inventory: readonly InventoryItem[],
  steps: readonly StepView[],
  messUpTitles: ReadonlyMap<string, string>,
  start = 'internet',
): MapGraph {
  const hasRemote = inventory.some((item) => item.id === 'remote-access');
  const nodes = new Map<string, MapNode>();
  const put = (ref: NodeRef, object: InventoryItem | null) => {
    const existing = nodes.get(ref.id);
    if (existing) {
      if (!existing.object && object) nodes.set(ref.id, { ...existing, object });
      return;
    }
    nodes.set(ref.id, { ...ref, object });
  };
  put(nodeOfFact(`at:${start}`, start, hasRemote), null);
  put(nodeOfFact('reach:api'), null);
  for (const item of inventory) put(refOfItem(item), item);

  const edges = new Map<string, MapEdge>();
  steps.forEach((step, index) => {
    const from = nodeOfFact(step.fromFact, start, hasRemote);
    const to = nodeOfFact(step.toFact, start, hasRemote);
    put(from, null);
    put(to, null);
    if (from.id === to.id) return;
    const id = `${from.id}->${to.id}`;
    const shields = step.messUps.map((m) => ({ id: m, title: messUpTitles.get(m) ?? m }));
    const existing = edges.get(id);
    if (existing) {
      existing.steps.push(index);
      for (const shield of shields)
        if (!existing.shields.some((s) => s.id === shield.id)) existing.shields.push(shield);
      return;
    }
    edges.set(id, {
      id,
      source: from.id,
      target: to.id,
      steps: [index],
      title: step.title,
      shields,
    });
  });
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: [...nodes.values()].sort(byId), edges: [...edges.values()] };
}

/** The node where each witness step ends (for the attacker's walk); index -1 = the start. */
export function stepNodes(
  steps: readonly StepView[],
  start = 'internet',
  hasRemote = false,
): string[] {
  return steps.map((step) => nodeOfFact(step.toFact, start, hasRemote).id);
}
