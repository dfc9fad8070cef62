import fc from 'fast-check';
import { dump } from 'js-yaml';
import type { InputFile } from '../../src/engine/index.ts';
import { evaluatePodSecurity } from '../../src/engine/pss/index.ts';

// Small random clusters for the property tests: a few namespaces, workloads with random
// weaknesses, services, roles, bindings, API server flags and an optional ThreatModel.
// A cluster is plain data, so a test can harden it (take one weakness away) and compare.

export const namespaces = ['a', 'b'] as const;
export const workloadNames = ['w0', 'w1', 'w2'] as const;
const hostPaths = ['/', '/var/run/docker.sock', '/var/log', '/var/lib/kubelet/pods', '/srv'];
const capabilityNames = ['SYS_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'NET_ADMIN'];
const verbs = ['get', 'list', 'create', 'patch', 'bind', 'escalate', 'impersonate', '*'];
const resources = [
  'pods',
  'pods/exec',
  'secrets',
  'serviceaccounts/token',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
  'nodes',
  'users',
  '*',
];
const subjects = [
  { kind: 'User', name: 'alice' },
  { kind: 'User', name: 'bob' },
  { kind: 'Group', name: 'developers' },
  { kind: 'Group', name: 'system:unauthenticated' },
  { kind: 'Group', name: 'system:authenticated' },
  { kind: 'ServiceAccount', name: 'default', namespace: 'a' },
  { kind: 'ServiceAccount', name: 'robot', namespace: 'b' },
];

export interface Workload {
  kind: 'Pod' | 'Deployment';
  namespace: string;
  name: string;
  serviceAccount: 'default' | 'robot';
  privileged: boolean;
  hostPID: boolean;
  hostPath?: { path: string; readOnly: boolean };
  capabilities: string[];
  automount?: boolean;
  mountsSecret: boolean;
  controlPlane: boolean;
}

export interface Cluster {
  enforce: Record<string, 'baseline' | 'restricted' | undefined>;
  workloads: Workload[];
  services: { namespace: string; target: string; type: string }[];
  roles: { cluster: boolean; namespace: string; verbs: string[]; resources: string[] }[];
  bindings: {
    cluster: boolean;
    namespace: string;
    /** An index into `roles`, or a built-in ClusterRole. */
    role: number | 'cluster-admin' | 'edit' | 'view';
    subjects: number[];
  }[];
  denyAll: string[];
  apiServer: { anonymous: boolean; privateAddress: boolean; alwaysAllow: boolean };
  threatModel?: {
    start: string;
    goals: string[];
    credentials: boolean;
    remoteAccess: boolean;
    vulnerable: string[];
    cloudMetadata: boolean;
  };
}

/** True about once in `1 + odds` draws. */
const rarely = (odds: number) =>
  fc.oneof(
    { arbitrary: fc.constant(true), weight: 1 },
    { arbitrary: fc.constant(false), weight: odds },
  );

const workload: fc.Arbitrary<Workload> = fc.record({
  kind: fc.constantFrom('Pod' as const, 'Deployment' as const),
  namespace: fc.constantFrom(...namespaces),
  name: fc.constantFrom(...workloadNames),
  serviceAccount: fc.constantFrom('default' as const, 'robot' as const),
  privileged: rarely(3),
  hostPID: fc.boolean(),
  hostPath: fc.option(fc.record({ path: fc.constantFrom(...hostPaths), readOnly: fc.boolean() }), {
    nil: undefined,
    freq: 2,
  }),
  capabilities: fc.subarray(capabilityNames, { maxLength: 2 }),
  automount: fc.option(fc.boolean(), { nil: undefined }),
  mountsSecret: fc.boolean(),
  controlPlane: rarely(4),
});

export const clusterArbitrary: fc.Arbitrary<Cluster> = fc.record({
  enforce: fc.record({
    a: fc.constantFrom(undefined, 'baseline' as const, 'restricted' as const),
    b: fc.constantFrom(undefined, 'baseline' as const, 'restricted' as const),
  }),
  workloads: fc.uniqueArray(workload, {
    maxLength: 3,
    selector: (w) => `${w.namespace}/${w.name}`,
  }),
  services: fc.array(
    fc.record({
      namespace: fc.constantFrom(...namespaces),
      target: fc.constantFrom(...workloadNames),
      type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
    }),
    { maxLength: 2 },
  ),
  roles: fc.array(
    fc.record({
      cluster: fc.boolean(),
      namespace: fc.constantFrom(...namespaces),
      verbs: fc.subarray(verbs, { minLength: 1, maxLength: 3 }),
      resources: fc.subarray(resources, { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  bindings: fc.array(
    fc.record({
      cluster: fc.boolean(),
      namespace: fc.constantFrom(...namespaces),
      role: fc.oneof(
        fc.nat({ max: 2 }),
        fc.constantFrom('cluster-admin' as const, 'edit' as const, 'view' as const),
      ),
      subjects: fc.uniqueArray(fc.nat({ max: subjects.length - 1 }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
    { maxLength: 3 },
  ),
  denyAll: fc.subarray([...namespaces]),
  apiServer: fc.record({
    anonymous: fc.boolean(),
    privateAddress: fc.boolean(),
    alwaysAllow: rarely(9),
  }),
  threatModel: fc.option(
    fc.record({
      start: fc.constantFrom('internet', 'corporate-network', 'pod:a/w0', 'pod:b/w1'),
      goals: fc.subarray(['cluster-admin', 'node-root', 'secret:a/creds', 'exec:a/w1'], {
        minLength: 1,
      }),
      credentials: fc.boolean(),
      remoteAccess: fc.boolean(),
      vulnerable: fc.subarray(['a/w0', 'a/w1', 'b/w2']),
      cloudMetadata: fc.boolean(),
    }),
    { nil: undefined },
  ),
});

function podSpec(w: Workload): Record<string, unknown> {
  const securityContext: Record<string, unknown> = {};
  if (w.privileged) securityContext.privileged = true;
  if (w.capabilities.length) securityContext.capabilities = { add: w.capabilities };
  const volumes: unknown[] = [];
  const volumeMounts: unknown[] = [];
  if (w.hostPath) {
    volumes.push({ name: 'host', hostPath: { path: w.hostPath.path } });
    volumeMounts.push({ name: 'host', mountPath: '/host', readOnly: w.hostPath.readOnly });
  }
  if (w.mountsSecret) {
    volumes.push({ name: 'creds', secret: { secretName: 'creds' } });
    volumeMounts.push({ name: 'creds', mountPath: '/creds' });
  }
  const spec: Record<string, unknown> = {
    serviceAccountName: w.serviceAccount,
    containers: [
      {
        name: 'main',
        image: w.name,
        ports: [{ containerPort: 8080 }],
        ...(Object.keys(securityContext).length ? { securityContext } : {}),
        ...(volumeMounts.length ? { volumeMounts } : {}),
      },
    ],
  };
  if (w.hostPID) spec.hostPID = true;
  if (w.automount !== undefined) spec.automountServiceAccountToken = w.automount;
  if (w.controlPlane) spec.nodeSelector = { 'node-role.kubernetes.io/control-plane': '' };
  if (volumes.length) spec.volumes = volumes;
  return spec;
}

/** The cluster as Kubernetes objects, one per document, in a stable order. */
export function clusterObjects(c: Cluster): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const ns of namespaces) {
    const level = c.enforce[ns];
    out.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        ...(level ? { labels: { 'pod-security.kubernetes.io/enforce': level } } : {}),
      },
    });
  }
  out.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-apiserver', namespace: 'kube-system' },
    spec: {
      containers: [
        {
          name: 'kube-apiserver',
          image: 'registry.k8s.io/kube-apiserver:v1.30.0',
          command: [
            'kube-apiserver',
            `--anonymous-auth=${c.apiServer.anonymous}`,
            `--authorization-mode=${c.apiServer.alwaysAllow ? 'AlwaysAllow' : 'Node,RBAC'}`,
            // As kubeadm writes it: the binary's default refuses privileged containers.
            '--allow-privileged=true',
            `--bind-address=${c.apiServer.privateAddress ? '10.0.0.10' : '0.0.0.0'}`,
          ],
        },
      ],
    },
  });
  out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'a' } });
  out.push({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'robot', namespace: 'b' },
  });
  for (const w of c.workloads) {
    const metadata = { name: w.name, namespace: w.namespace, labels: { app: w.name } };
    out.push(
      w.kind === 'Pod'
        ? { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec(w) }
        : {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: w.name, namespace: w.namespace },
            spec: {
              selector: { matchLabels: { app: w.name } },
              template: { metadata: { labels: { app: w.name } }, spec: podSpec(w) },
            },
          },
    );
  }
  c.services.forEach((s, i) =>
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc${i}`, namespace: s.namespace },
      spec: { type: s.type, selector: { app: s.target }, ports: [{ port: 80 }] },
    }),
  );
  c.roles.forEach((r, i) =>
    out.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: r.cluster ? 'ClusterRole' : 'Role',
      metadata: r.cluster ? { name: `role${i}` } : { name: `role${i}`, namespace: r.namespace },
      rules: [
        {
          apiGroups: ['', 'rbac.authorization.k8s.io'],
          resources: r.resources,
          verbs: r.verbs,
        },
      ],
    }),
  );
  c.bindings.forEach((b, i) => {
    const role = typeof b.role === 'number' ? c.roles[b.role] : undefined;
    if (typeof b.role === 'number' && !role) return;
    const roleKind = role && !role.cluster ? 'Role' : 'ClusterRole';
    // A ClusterRoleBinding can only refer to a ClusterRole; a RoleBinding to a Role of its namespace.
    const cluster = b.cluster && roleKind === 'ClusterRole';
    const namespace = role && !role.cluster ? role.namespace : b.namespace;
    out.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata: cluster ? { name: `binding${i}` } : { name: `binding${i}`, namespace },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: roleKind,
        name: typeof b.role === 'number' ? `role${b.role}` : b.role,
      },
      subjects: b.subjects.map((s) => subjects[s]),
    });
  });
  for (const ns of c.denyAll)
    out.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-all', namespace: ns },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  const t = c.threatModel;
  if (t) {
    const spec: Record<string, unknown> = {
      attacker: { start: t.start },
      goals: t.goals,
      vulnerableWorkloads: t.vulnerable,
      cloud: { metadata: t.cloudMetadata },
    };
    if (t.credentials)
      spec.credentials = [
        { id: 'alice-kubeconfig', user: 'alice', groups: ['developers'], keptAt: 'a laptop' },
      ];
    if (t.remoteAccess) spec.remoteAccess = { name: 'corporate VPN', kind: 'vpn' };
    out.push({
      apiVersion: 'mutlab.dev/v1alpha1',
      kind: 'ThreatModel',
      metadata: { name: 'cluster' },
      spec,
    });
  }
  return out;
}

export function clusterFiles(c: Cluster): InputFile[] {
  const objects = clusterObjects(c);
  return [
    {
      path: 'cluster.yaml',
      text: objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n'),
    },
  ];
}

/** The goals a cluster is analysed for. */
export function goalsOf(c: Cluster): string[] {
  return c.threatModel?.goals ?? ['cluster-admin', 'node-root'];
}

/**
 * Every way to take one weakness away (hardening), each a new cluster. Removing a binding,
 * turning anonymous auth off, making a workload less privileged, closing the endpoint...
 */
export function hardenings(c: Cluster): { what: string; cluster: Cluster }[] {
  const out: { what: string; cluster: Cluster }[] = [];
  const copy = (): Cluster => structuredClone(c);
  if (c.apiServer.anonymous) {
    const h = copy();
    h.apiServer.anonymous = false;
    out.push({ what: 'anonymous auth off', cluster: h });
  }
  // AlwaysAllow → Node,RBAC is not offered: it is not only a weakness taken away. Under
  // AlwaysAllow kube-apiserver forces anonymous authentication off and no mess-up can turn it
  // back on (k/k pkg/kubeapiserver/options/authentication.go, ApplyAuthorization); with RBAC
  // "anonymous turned on + a binding to system:unauthenticated" becomes possible, so the MUT
  // may rightly fall (test/engine/alwaysAllow.test.ts).
  if (!c.apiServer.privateAddress) {
    const h = copy();
    h.apiServer.privateAddress = true;
    out.push({ what: 'private endpoint', cluster: h });
  }
  c.bindings.forEach((_, i) => {
    const h = copy();
    h.bindings.splice(i, 1);
    out.push({ what: `binding ${i} removed`, cluster: h });
  });
  c.services.forEach((s, i) => {
    if (s.type === 'ClusterIP') return;
    const h = copy();
    h.services[i]!.type = 'ClusterIP';
    out.push({ what: `service ${i} made ClusterIP`, cluster: h });
  });
  c.workloads.forEach((w, i) => {
    const change = (what: string, f: (w: Workload) => void) => {
      const h = copy();
      f(h.workloads[i]!);
      // A pod its namespace's Pod Security level refuses does not run: the change that lets
      // it in gives the attacker a pod, so it is no hardening.
      if (!admitted(c, w) && admitted(h, h.workloads[i]!)) return;
      out.push({ what: `${w.namespace}/${w.name}: ${what}`, cluster: h });
    };
    if (w.privileged) change('privileged false', (x) => (x.privileged = false));
    if (w.hostPID) change('hostPID false', (x) => (x.hostPID = false));
    if (w.hostPath) change('hostPath removed', (x) => (x.hostPath = undefined));
    if (w.capabilities.length) change('capabilities dropped', (x) => (x.capabilities = []));
    if (w.automount !== false) change('automount off', (x) => (x.automount = false));
    if (w.mountsSecret) change('secret unmounted', (x) => (x.mountsSecret = false));
  });
  for (const ns of namespaces) {
    if (c.enforce[ns] !== 'restricted') {
      const h = copy();
      h.enforce[ns] = 'restricted';
      out.push({ what: `namespace ${ns} enforce restricted`, cluster: h });
    }
    if (!c.denyAll.includes(ns)) {
      const h = copy();
      h.denyAll.push(ns);
      out.push({ what: `namespace ${ns} default-deny`, cluster: h });
    }
  }
  const t = c.threatModel;
  if (t?.vulnerable.length) {
    const h = copy();
    h.threatModel!.vulnerable = [];
    out.push({ what: 'no known vulnerable workloads', cluster: h });
  }
  if (t?.cloudMetadata) {
    const h = copy();
    h.threatModel!.cloudMetadata = false;
    out.push({ what: 'cloud metadata unreachable', cluster: h });
  }
  return out;
}

/** Whether the namespace's Pod Security `enforce` level admits the workload's pods. */
function admitted(c: Cluster, w: Workload): boolean {
  const level = c.enforce[w.namespace];
  return !level || evaluatePodSecurity({ spec: podSpec(w) }, level).allowed;
}
