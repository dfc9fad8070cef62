// Recall of KubeHound's attack edges (DataDog/KubeHound system tests, kept beside the repo in
// ../shared/corpus/kubehound, see MANIFEST.md there) by MUT Lab's grounded attack graph.
//
// How the comparison is made
// - All attacks/*.yaml are read as ONE cluster, as upstream applies them together.
// - The test adds what KubeHound's environment has and the manifests do not say (kh-env.yaml):
//   the three Nodes of the kind cluster (so pods land on `kubehound.test.local-worker` and node
//   edges have KubeHound's names), and a ThreatModel stating that kind has no cloud metadata
//   service and that `default/endpoints-pod` is exploitable: KubeHound's ENDPOINT_EXPLOIT
//   assumes that every exposed endpoint is, our exploit-exposed-workload asks for it.
// - A KubeHound edge is recalled when a rule FIRES TODAY (every condition of its body holds) of
//   a technique whose references name `kubehound:<EDGE>`, from the capability standing for the
//   KubeHound source (`exec:<ns>/Pod/<pod>#<container>`, `root:<node>`, `as:sa:<ns>:<name>`, the
//   rights `perm:<ability>:<scope>` a binding grants) to the one standing for the target.
// - Documented foldings (KubeHound has vertices we do not):
//   * PermissionSet `<role>::<binding>` = the rights that binding grants: the heads of the firing
//     rbac-permissions rules written at that binding. PERMISSION_DISCOVER is such a rule from
//     the identity. A permission-set edge (POD_EXEC, TOKEN_LIST, ...) is recalled when the rights
//     of that binding alone (closed under scope widening) let the rule fire.
//   * ROLE_BIND A -> B: a rbac-bind/rbac-escalate rule usable with A's rights alone gives
//     `perm:admin:S`, and S covers B: B's binding namespace (or `*`) for a RoleBinding; any
//     namespace for a ClusterRoleBinding (the attacker binds B's ClusterRole with a RoleBinding
//     there, which is what KubeHound's edge stands for).
//   * IDENTITY_ASSUME Node -> Group system:nodes: kubelet-credentials (`root:N` ->
//     `as:user:system:node:N`) and the group membership rule to `as:group:system:nodes`.
//   * TOKEN_STEAL / VOLUME_DISCOVER (Container -> projected token Volume -> Identity) are one
//     rule, steal-service-account-token; VOLUME_ACCESS + TOKEN_STEAL from a node are
//     node-service-account-tokens; EXPLOIT_HOST_TRAVERSE is host-path-traverse to
//     `tokens:<node>`. Volumes are named through the model's hostPath mounts.
//   * ENDPOINT_EXPLOIT: the three exposure levels (ClusterIP port, hostPort, Service) all
//     reach the same `reach:pod:<pod>` fact; the edge is exploit-exposed-workload from it.
//   * CONTAINER_ATTACH / POD_ATTACH (structural, "every container/pod"): node-pod-takeover
//     from `root:<node>` to every container of every pod on it.
// - Negatives: see the "negative expectations" block; "no outgoing attack edge" means no firing
//   rule of a technique that names a KubeHound edge, except stealing a token of an identity that
//   no firing rule grants anything (upstream gives the default SA no edges for that reason).
//   MUT Lab's own network-reach techniques (pod-network-lateral, reach-kubelet,
//   in-cluster-api-access) have no KubeHound counterpart and are not attack edges here.
// - Not counted: the kube-proxy entries of the escapes list (kind system pods are not in the
//   corpus), path-level DSL checks (critical paths, min hops), ROLE_BIND case 4 (informative).
// - KubeHound gives TOKEN_LIST/TOKEN_BRUTEFORCE to every SA of the namespace, as if each had a
//   legacy token Secret (Kubernetes < 1.24); the engine follows only token Secrets that exist.
//   The recall is therefore reported twice: on the manifests as they are, and with that
//   assumption stated in the ThreatModel (`serviceAccountTokens: legacy`, docs/threat-model.md),
//   which is how a cluster older than 1.24 is analysed.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from '../../src/engine/authz/requests.ts';
import { serviceAccountGroups, serviceAccountUsername } from '../../src/engine/authz/subjects.ts';
import { objectRef } from '../../src/engine/manifests/document.ts';
import type { InputFile } from '../../src/engine/types.ts';
import { CorpusGraph, corpusDir, execParts, yamlFiles } from './corpusGraph.ts';

interface Vertex {
  class: string;
  name: string;
  one_of?: string[];
}
interface FixtureEdge {
  edge: string;
  source: Vertex;
  target: Vertex | null;
  expect?: 'none';
  container?: string;
  from_test: string;
}
interface Fixture {
  file: string;
  objects: { kind: string; namespace: string | null; name: string }[];
  expect: { edges: FixtureEdge[]; containers_without_any_container_escape_edge: string[] };
}
interface Assertion {
  test: string;
  edge: string;
  match: string;
  pairs?: { source: string; target: string }[];
}
interface DslEscape {
  source_container: string;
  edge: string;
}
interface Expected {
  fixtures: Fixture[];
  assertions: Assertion[];
  dsl_assertions: { test: string; container_escape_edges?: DslEscape[] }[];
}

const dir = corpusDir('kubehound');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
const prefix = 'kubehound.test.local-';
const kindNodes = ['control-plane', 'worker', 'worker2'].map((n) => prefix + n);

/** What KubeHound's kind environment has and the manifests do not say (see the header). */
const environment = `${kindNodes
  .map(
    (name) =>
      `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n` +
      (name.endsWith('control-plane')
        ? `  labels:\n    node-role.kubernetes.io/control-plane: ""\n`
        : ''),
  )
  .join('---\n')}---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: kubehound-test-cluster
spec:
  cloud:
    metadata: false
  vulnerableWorkloads:
    - default/endpoints-pod
`;

const attacks = yamlFiles(dir, path.join(dir, 'attacks'));
const input: InputFile[] = [...attacks, { path: 'kh-env.yaml', text: environment }];

const main = new CorpusGraph(input);
// KubeHound's TOKEN_* assumption, stated as the ThreatModel option that models it.
const legacy = new CorpusGraph([
  ...attacks,
  {
    path: 'kh-env.yaml',
    text: environment.replace('  cloud:\n', '  serviceAccountTokens: legacy\n  cloud:\n'),
  },
]);

// ---------------------------------------------------------------------------------------------
// Naming: KubeHound vertices -> our facts.

function bindingRef(g: CorpusGraph, permissionSet: string): string | undefined {
  const binding = permissionSet.split('::')[1];
  const o = g.graph.model.objects.find(
    (x) => (x.kind === 'RoleBinding' || x.kind === 'ClusterRoleBinding') && x.name === binding,
  );
  return (
    o &&
    objectRef({
      ...o,
      namespace: o.kind === 'RoleBinding' ? (o.namespace ?? 'default') : undefined,
    })
  );
}

function podOfContainer(g: CorpusGraph, container: string) {
  return g.graph.model.pods.find((p) => p.containers.some((c) => c.name === container));
}

function identityFacts(name: string): string[] {
  return [`as:sa:default:${name}`, `as:user:${name}`, `as:group:${name}`];
}

/** The node a KubeHound Node target stands for, given the source container. */
function nodeOk(g: CorpusGraph, target: Vertex, to: string, container?: string): boolean {
  if (!to.startsWith('root:')) return false;
  const node = to.slice(5);
  if (target.name.startsWith('<')) {
    const pod = container ? podOfContainer(g, container) : undefined;
    if (pod && pod.node !== node) return false;
    return target.one_of ? target.one_of.includes(node) : kindNodes.includes(node);
  }
  return node === target.name;
}

/** The rights a permission set gives, closed under scope widening and RBAC escalation. */
function rightsOf(g: CorpusGraph, permissionSet: string): Set<string> {
  const b = bindingRef(g, permissionSet);
  return b ? g.rbacClosure(g.grantedBy(b)) : new Set();
}

/** Namespaces where gaining `admin` covers permission set B (see the header). */
function coversPermissionSet(g: CorpusGraph, to: string, permissionSet: string): boolean {
  const m = /^perm:admin:(.+)$/.exec(to);
  if (!m) return false;
  const scope = m[1]!;
  const b = bindingRef(g, permissionSet);
  if (!b) return false;
  if (scope === '*') return true;
  if (b.startsWith('ClusterRoleBinding ')) return true;
  return b === `RoleBinding ${scope}/${permissionSet.split('::')[1]}`;
}

/**
 * KubeHound's ROLE_BIND A -> B where B's role falls short of full rights: an identity of A may
 * bind B's role to itself where B grants it, as the authorizer answers (create the binding,
 * and `bind` on that role). The graph grounds such a binding only when a technique asks for
 * a right of B's role, so the edge is checked against the authorizer the graph asks.
 */
function mayBindRoleOf(g: CorpusGraph, a: string, b: string): boolean {
  const rbac = g.graph.model.rbac;
  const byName = (ps: string) => rbac.bindings.find((x) => x.name === ps.split('::')[1]);
  const from = byName(a);
  const to = byName(b);
  if (!from || !to?.role) return false;
  const role = to.role;
  // A RoleBinding in B's namespace (a ClusterRole also binds that way), or a ClusterRoleBinding.
  const scopes = to.namespace ? [to.namespace] : ['', from.namespace || 'default'];
  const users = from.subjects.map((s) => userOf(s.key));
  return users.some((user) =>
    scopes.some((ns) => {
      const bindingResource = ns ? 'rolebindings' : 'clusterrolebindings';
      const roleResource = role.kind === 'Role' ? 'roles' : 'clusterroles';
      const ask = (verb: string, resource: string, name: string) =>
        rbac.index.authorize(user, {
          resourceRequest: true,
          ...request(verb, resource, { namespace: ns, name }),
        });
      return ask('create', bindingResource, '') && ask('bind', roleResource, role.name);
    }),
  );
}

/**
 * KubeHound lets `bind` on `roles` bind a ClusterRole too. The API server checks `bind` on the
 * kind the binding refers to (`clusterroles` for a ClusterRole, even in a RoleBinding:
 * BindingAuthorized in pkg/registry/rbac/escalation_check.go), so such an edge does not exist.
 */
function bindsRolesNotClusterRoles(miss: string): boolean {
  const m = /^ROLE_BIND (\S+) -> (\S+):/.exec(miss);
  if (!m) return false;
  const rbac = main.graph.model.rbac;
  const byName = (ps: string) => rbac.bindings.find((x) => x.name === ps.split('::')[1]);
  const from = byName(m[1]!);
  const to = byName(m[2]!);
  if (!from?.role || to?.role?.kind !== 'ClusterRole') return false;
  const bindsRoles = (kind: string) =>
    from.role!.rules.some(
      (r) => r.verbs.includes('bind') && r.resources.some((x) => x === kind || x === '*'),
    );
  return bindsRoles('roles') && !bindsRoles('clusterroles');
}

function userOf(key: string): { name: string; groups: string[] } {
  if (key.startsWith('sa:')) {
    const [ns = '', name = ''] = key.slice(3).split(':');
    return {
      name: serviceAccountUsername(ns, name),
      groups: [...serviceAccountGroups(ns), 'system:authenticated'],
    };
  }
  if (key.startsWith('group:')) return { name: '', groups: [key.slice(6)] };
  return { name: key.slice(5), groups: ['system:authenticated'] };
}

// ---------------------------------------------------------------------------------------------
// One expectation -> recalled (null) or the reason it is not.

function recall(g: CorpusGraph, e: FixtureEdge): string | null {
  const src = e.source.name;
  const tgt = e.target?.name ?? '';
  const kh = g.kubehound(e.edge);
  const miss = (why: string) => why;
  switch (e.edge) {
    case 'CE_MODULE_LOAD':
    case 'CE_NSENTER':
    case 'CE_PRIV_MOUNT':
    case 'CE_SYS_PTRACE':
    case 'CE_UMH_CORE_PATTERN':
    case 'CE_VAR_LOG_SYMLINK':
      return g.fromContainer(src, kh).some((r) => nodeOk(g, e.target!, r.to, src))
        ? null
        : miss(`no firing ${e.edge} rule from container ${src} to its node`);
    case 'SHARE_PS_NAMESPACE':
      return g.fromContainer(src, kh).some((r) => execParts(r.to)?.container === tgt)
        ? null
        : miss(`no firing rule from ${src} to ${tgt}`);
    case 'IDENTITY_ASSUME': {
      if (e.source.class === 'Node') {
        const user = `as:user:system:node:${src}`;
        const toUser = kh.some((r) => r.from === `root:${src}` && r.to === user);
        const toGroup = g.firing.some((r) => r.from === user && r.to === `as:group:${tgt}`);
        return toUser && toGroup ? null : miss(`no firing path root:${src} -> as:group:${tgt}`);
      }
      return g.fromContainer(src, kh).some((r) => r.to === `as:sa:default:${tgt}`)
        ? null
        : miss(`no firing rule from container ${src} to as:sa:default:${tgt}`);
    }
    case 'TOKEN_STEAL':
      return kh.some((r) => execParts(r.from) && r.to === `as:sa:default:${tgt}`)
        ? null
        : miss(`no firing token theft from a container to as:sa:default:${tgt}`);
    case 'PERMISSION_DISCOVER': {
      const binding = bindingRef(g, tgt);
      return kh.some(
        (r) => identityFacts(src).includes(r.from) && binding && r.objects.includes(binding),
      )
        ? null
        : miss(
            `no firing rbac-permissions rule from ${src} granted by ${binding ?? tgt} (no attack-relevant right in it)`,
          );
    }
    case 'POD_CREATE':
    case 'POD_EXEC':
    case 'POD_PATCH':
    case 'TOKEN_LIST':
    case 'TOKEN_BRUTEFORCE': {
      const usable = g.usableWith(rightsOf(g, src), kh);
      const ok = usable.some((r) =>
        e.edge === 'POD_CREATE'
          ? nodeOk(g, e.target!, r.to)
          : e.edge === 'POD_EXEC' || e.edge === 'POD_PATCH'
            ? execParts(r.to)?.pod === tgt && execParts(r.to)?.namespace === 'default'
            : r.to === `as:sa:default:${tgt}`,
      );
      return ok ? null : miss(`the rights of ${src} fire no ${e.edge} rule to ${tgt}`);
    }
    case 'ROLE_BIND': {
      const usable = g.usableWith(rightsOf(g, src), kh);
      if (usable.some((r) => coversPermissionSet(g, r.to, tgt))) return null;
      return mayBindRoleOf(g, src, tgt)
        ? null
        : miss(`the rights of ${src} fire no bind/escalate rule covering ${tgt}`);
    }
    case 'ENDPOINT_EXPLOIT':
      return kh.some(
        (r) => execParts(r.to)?.container === tgt && r.from === `reach:pod:default/Pod/${tgt}`,
      )
        ? null
        : miss(`no firing exploit rule from reach:pod:default/Pod/${tgt}`);
    case 'EXPLOIT_HOST_READ':
    case 'EXPLOIT_HOST_WRITE':
    case 'EXPLOIT_HOST_TRAVERSE': {
      const container =
        e.container ?? (e.edge === 'EXPLOIT_HOST_TRAVERSE' ? hostTraverseContainer(src) : '');
      const pod = podOfContainer(g, container);
      const mount = pod?.containers
        .find((c) => c.name === container)
        ?.hostPathMounts.find((m) => m.volume === src);
      if (!pod || !mount) return miss(`no hostPath volume ${src} in ${container}`);
      const rules = g.fromContainer(container, kh);
      if (e.edge !== 'EXPLOIT_HOST_TRAVERSE')
        return rules.some((r) => nodeOk(g, e.target!, r.to, container))
          ? null
          : miss(`no firing ${e.edge} rule from ${container} to its node`);
      // Derived upstream check: the identities reached through the node's token files are
      // exactly those assumed by the containers on that node.
      if (!rules.some((r) => r.to === `tokens:${pod.node}`))
        return miss(`no firing traverse rule from ${container} to tokens:${pod.node}`);
      const viaTokens = new Set(
        g
          .kubehound('TOKEN_STEAL')
          .filter((r) => r.from === `tokens:${pod.node}`)
          .map((r) => r.to),
      );
      const assumed = new Set(
        g
          .kubehound('IDENTITY_ASSUME')
          .filter((r) => {
            const x = execParts(r.from);
            return (
              x &&
              g.graph.model.pods.some(
                (p) => p.id === `${x.namespace}/${x.kind}/${x.pod}` && p.node === pod.node,
              )
            );
          })
          .map((r) => r.to),
      );
      const same = viaTokens.size === assumed.size && [...viaTokens].every((x) => assumed.has(x));
      return same
        ? null
        : miss(`identities via tokens:${pod.node} differ from those assumed on it`);
    }
    default:
      return miss(`no technique names kubehound:${e.edge}`);
  }
}

function hostTraverseContainer(volume: string): string {
  return volume === 'hostroot' ? 'host-write-exploit-pod' : 'host-read-exploit-pod';
}

/** The structural "every vertex has one" assertions, folded as the header says. */
function structural(g: CorpusGraph, edge: string): string | null {
  const model = g.graph.model;
  const missing: string[] = [];
  for (const pod of model.pods) {
    for (const c of pod.containers) {
      const exec = `exec:${pod.id}#${c.name}`;
      if (edge === 'CONTAINER_ATTACH' || edge === 'POD_ATTACH') {
        if (!g.kubehound(edge).some((r) => r.from === `root:${pod.node}` && r.to === exec))
          missing.push(exec);
      }
      if (edge === 'VOLUME_DISCOVER') {
        // The projected token volume, and every hostPath volume the container mounts.
        if (pod.automountToken.value && !g.kubehound(edge).some((r) => r.from === exec))
          missing.push(`${exec} token`);
        for (const m of c.hostPathMounts)
          if (!g.fromContainer(c.name).some((r) => r.body.some((b) => b.startsWith('c:hostpath-'))))
            missing.push(`${exec} ${m.volume}`);
      }
    }
    if (edge === 'VOLUME_ACCESS' && pod.automountToken.value) {
      if (
        !g
          .kubehound(edge)
          .some((r) => r.from === `root:${pod.node}` && r.to === `tokens:${pod.node}`)
      )
        missing.push(pod.node);
    }
  }
  return missing.length ? `${edge} missing for ${[...new Set(missing)].join(', ')}` : null;
}

interface Expectation {
  id: string;
  check: (g: CorpusGraph) => string | null;
}

function expectations(): Expectation[] {
  const out = new Map<string, Expectation>();
  for (const f of expected.fixtures)
    for (const e of f.expect.edges) {
      if (e.expect === 'none') continue;
      const id = `${e.edge} ${e.source.name} -> ${e.target?.name ?? '*'}`;
      if (!out.has(id)) out.set(id, { id, check: (g) => recall(g, e) });
    }
  for (const a of expected.assertions)
    if (a.match === 'all') {
      const id = `${a.edge} (every vertex)`;
      out.set(id, { id, check: (g) => structural(g, a.edge) });
    }
  return [...out.values()];
}

// ---------------------------------------------------------------------------------------------
// Negative expectations: each returns the offending edges (empty when the negative holds).

const ceEdges = (g: CorpusGraph) => g.kubehoundPrefix('CE_');

function negatives(): { id: string; offending: (g: CorpusGraph) => string[] }[] {
  const list: { id: string; offending: (g: CorpusGraph) => string[] }[] = [];
  list.push({
    id: 'Test_NoEdgeCase: control-pod has no outgoing attack edge',
    offending: (g) => {
      const pod = podOfContainer(g, 'control-pod');
      const own = pod ? `as:sa:${pod.namespace}:${pod.serviceAccount}` : '';
      // The identity's own rights, and those of the groups every service account is in.
      const idFacts = [
        own,
        'as:group:system:serviceaccounts',
        'as:group:system:serviceaccounts:default',
        'as:group:system:authenticated',
        'as:*',
      ];
      const idRights = g.kubehound('PERMISSION_DISCOVER').filter((r) => idFacts.includes(r.from));
      return g
        .fromContainer('control-pod')
        .filter((r) => r.references.some((x) => x.startsWith('kubehound:')))
        .filter((r) => !(r.to === own && idRights.length === 0))
        .concat(idRights)
        .map((r) => `${r.technique}: ${r.from} -> ${r.to}`);
    },
  });
  for (const f of expected.fixtures)
    for (const c of f.expect.containers_without_any_container_escape_edge)
      list.push({
        id: `no container escape from ${c}${f.file.includes('NET_MITM') ? ' (hostNetwork + NET_ADMIN is no escape)' : ''}`,
        offending: (g) => g.fromContainer(c, ceEdges(g)).map((r) => `${r.technique} -> ${r.to}`),
      });
  const failing = [
    'rolebind-crb-cr-crb-r-fail::pod-bind-role-crb-cr-crb-r-fail',
    'rolebind-rb-cr-crb-cr-fail::pod-bind-role-rb-cr-crb-cr-fail',
    'rolebind-rb-r-crb-cr-fail::pod-bind-role-rb-r-crb-cr-fail',
    'rolebind-rb-r-crb-cr-fail::pod-bind-role-rb-r-crb-cr-fail-u',
    'rolebind-rb-r-crb-cr-fail::pod-bind-role-rb-r-crb-cr-fail-g',
  ];
  for (const ps of failing)
    list.push({
      id: `${ps} cannot escalate (ROLE_BIND -fail)`,
      offending: (g) => {
        const granted = g.grantedBy(bindingRef(g, ps) ?? '');
        if (granted.size === 0)
          return ['the binding grants nothing in our model: check the lookup'];
        return g
          .usableWith(g.rbacClosure(granted), g.kubehound('ROLE_BIND'))
          .map((r) => `${r.technique}: ${r.body.join(' + ')} -> ${r.to}`);
      },
    });
  list.push({
    id: 'TestTraversalSource_escapes: no container escape beyond upstream list (kube-proxy aside)',
    offending: (g) => {
      const upstream = new Set(
        (
          expected.dsl_assertions.find((d) => d.test === 'TestTraversalSource_escapes')
            ?.container_escape_edges ?? []
        ).map((x) => `${x.edge} ${x.source_container}`),
      );
      const ours = new Set<string>();
      for (const r of ceEdges(g))
        for (const ref of r.references)
          if (ref.startsWith('kubehound:CE_'))
            ours.add(`${ref.slice(10)} ${execParts(r.from)?.container}`);
      return [...ours].filter((x) => !upstream.has(x));
    },
  });
  list.push({
    id: 'SHARE_PS_NAMESPACE never crosses pods',
    offending: (g) =>
      g
        .kubehound('SHARE_PS_NAMESPACE')
        .filter((r) => execParts(r.from)?.pod !== execParts(r.to)?.pod)
        .map((r) => `${r.from} -> ${r.to}`),
  });
  for (const [edge, ps] of [
    ['POD_EXEC', 'exec-pods::pod-exec-pods'],
    ['POD_PATCH', 'patch-pods::pod-patch-pods'],
  ] as const)
    list.push({
      id: `${edge} from ${ps} stays in namespace default (exact)`,
      offending: (g) =>
        g
          .usableWith(rightsOf(g, ps), g.kubehound(edge))
          .filter((r) => execParts(r.to)?.namespace !== 'default')
          .map((r) => r.to),
    });
  return list;
}

// ---------------------------------------------------------------------------------------------

interface Score {
  recalled: number;
  total: number;
  misses: string[];
  /** Expectations a real API server contradicts (see bindsRolesNotClusterRoles): not counted. */
  contradicted: string[];
  negativesHeld: number;
  negativesTotal: number;
  broken: string[];
}

function score(g: CorpusGraph): Score {
  const exps = expectations();
  const misses: string[] = [];
  const contradicted: string[] = [];
  for (const x of exps) {
    const why = x.check(g);
    if (!why) continue;
    const miss = `${x.id}: ${why}`;
    if (bindsRolesNotClusterRoles(miss)) contradicted.push(miss);
    else misses.push(miss);
  }
  const negs = negatives();
  const broken: string[] = [];
  for (const n of negs) {
    const bad = n.offending(g);
    if (bad.length) broken.push(`${n.id}: ${bad.join('; ')}`);
  }
  return {
    recalled: exps.length - contradicted.length - misses.length,
    total: exps.length - contradicted.length,
    misses,
    contradicted,
    negativesHeld: negs.length - broken.length,
    negativesTotal: negs.length,
    broken,
  };
}

const pct = (s: Score) => ((100 * s.recalled) / s.total).toFixed(1);
const scores = { main: score(main), legacy: score(legacy) };

afterAll(() => {
  const { main: m, legacy: l } = scores;
  console.log(
    `KubeHound: recall ${pct(m)}% (${m.recalled}/${m.total} edge expectations); negatives held: ${m.negativesHeld}/${m.negativesTotal}\n` +
      `KubeHound (serviceAccountTokens: legacy, KubeHound's TOKEN_* assumption): recall ${pct(l)}% (${l.recalled}/${l.total}); negatives held: ${l.negativesHeld}/${l.negativesTotal}\n` +
      `misses:\n  ${m.misses.join('\n  ')}` +
      (m.broken.length ? `\nbroken negatives:\n  ${m.broken.join('\n  ')}` : ''),
  );
});

describe('KubeHound attack-edge corpus (DataDog/KubeHound @ 53da187)', () => {
  it('reads every attack manifest and the kind nodes', () => {
    expect(attacks).toHaveLength(24);
    expect(main.graph.model.nodes).toEqual(kindNodes);
  });

  it('recalls at least 95% of the edge expectations (serviceAccountTokens: legacy)', () => {
    expect(scores.legacy.recalled / scores.legacy.total).toBeGreaterThanOrEqual(0.95);
  });

  it('misses on the manifests as they are only what is explained in the header', () => {
    const explained = (m: string) =>
      /^TOKEN_(LIST|BRUTEFORCE) /.test(m) ||
      /^PERMISSION_DISCOVER (varlog-sa|impersonate-sa) /.test(m) ||
      // Reading secrets by name or listing them where no Secret exists leads nowhere: the
      // authorizer is asked only for rights some technique can use (TOKEN_* explained above).
      /^PERMISSION_DISCOVER (tokenget-sa|tokenlist-sa) /.test(m) ||
      bindsRolesNotClusterRoles(m);
    expect(scores.main.misses.filter((m) => !explained(m))).toEqual([]);
    expect(scores.main.recalled / scores.main.total).toBeGreaterThanOrEqual(0.8);
  });

  it('holds every negative expectation', () => {
    expect(scores.main.broken).toEqual([]);
    expect(scores.legacy.broken).toEqual([]);
  });

  it('gives TOKEN_LIST/TOKEN_BRUTEFORCE wherever a token Secret exists', () => {
    const tokenMisses = scores.legacy.misses.filter((m) => /^TOKEN_(LIST|BRUTEFORCE) /.test(m));
    expect(tokenMisses).toEqual([]);
  });

  it('reaches a namespaced admin, never cluster-admin, from namespaced bindings (ROLE_BIND case 4, informative upstream)', () => {
    const namespaced = main.graph.model.objects.filter(
      (o) => o.kind === 'RoleBinding' && o.name.startsWith('pod-bind-role'),
    );
    for (const b of namespaced) {
      const rights = main.rbacClosure(
        main.grantedBy(objectRef({ ...b, namespace: b.namespace ?? 'default' })),
      );
      expect(rights.has('perm:admin:*'), b.name).toBe(false);
    }
  });
});
