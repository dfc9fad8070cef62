// Findings follow rights (issue #21, item 6): a line is listed as helping a technique only
// when some identity of the model could use that technique, with the rights the cluster
// grants today. An explicit `automountServiceAccountToken: true` helps whoever steals the
// token; it helps "lure workloads onto a compromised node" only if someone may patch nodes.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

const workload = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: app
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      automountServiceAccountToken: true
      containers:
        - name: web
          image: nginx
`;

const nodePatcher = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-patcher
rules:
  - apiGroups: ['']
    resources: [nodes]
    verbs: [patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops-patch-nodes
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-patcher }
subjects:
  - kind: User
    name: ops
`;

const techniquesAt = (text: string, line: number) =>
  analyze([{ path: 'in.yaml', text }])
    .findings.filter((f) => f.location.line === line && f.technique)
    .map((f) => f.technique);

const automountLine = workload.split('\n').findIndex((l) => l.includes('automount')) + 1;

describe('findings from rights', () => {
  it('lists no technique that needs a right nobody holds', () => {
    const at = techniquesAt(workload, automountLine);
    expect(at).toContain('steal-service-account-token');
    expect(at).not.toContain('patch-nodes');
  });

  it('lists it once some identity of the input holds that right', () => {
    const at = techniquesAt(workload + nodePatcher, automountLine);
    expect(at).toContain('patch-nodes');
  });

  it('keeps findings whose rule needs only a position and a mess-up (a bug in an exposed app)', () => {
    const exposed = `${workload}---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: app }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ port: 80 }]
`;
    const r = analyze([{ path: 'in.yaml', text: exposed }]);
    expect(r.findings.map((f) => f.technique)).toContain('exploit-exposed-workload');
  });

  it('does not count the control plane’s own credentials as anybody’s rights', () => {
    // The worked example's cluster (with team-a's namespace) holds the API server's static pod: code in it would hold
    // cluster-admin, yet no identity of the input may create pods in team-a.
    const dir = 'test/cli/fixtures/stage1';
    const files = readdirSync(dir).map((f) => ({
      path: f,
      text: readFileSync(join(dir, f), 'utf8'),
    }));
    const techniques = analyze(files).findings.map((f) => f.technique);
    expect(techniques).not.toContain('create-privileged-pod');
    expect(techniques).toContain('anonymous-authentication');
  });
});

// Whoever holds every right cluster-wide can update and escalate any role, so every binding
// would "help rbac-escalate" once one identity reaches cluster-admin; and the aggregation
// controller's built-in `escalate` on every ClusterRole is what lets the technique consider
// those roles at all. Neither is a right an ordinary binding gives.
const csrApprover = `apiVersion: v1
kind: ServiceAccount
metadata: { name: runner, namespace: ci }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: test-user-certificates }
rules:
  - apiGroups: [certificates.k8s.io]
    resources: [certificatesigningrequests]
    verbs: [create, get]
  - apiGroups: [certificates.k8s.io]
    resources: [certificatesigningrequests/approval]
    verbs: [update]
  - apiGroups: [certificates.k8s.io]
    resources: [signers]
    resourceNames: [kubernetes.io/kube-apiserver-client]
    verbs: [approve]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: runner-certificates }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: test-user-certificates }
subjects:
  - kind: ServiceAccount
    name: runner
    namespace: ci
`;

const roleEscalator = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: role-editor }
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [clusterroles]
    resourceNames: [test-user-certificates]
    verbs: [update, escalate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: runner-role-editor }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: role-editor }
subjects:
  - kind: ServiceAccount
    name: runner
    namespace: ci
`;

describe('findings from full rights', () => {
  it('lists no rbac-escalate on a binding only a cluster-admin could escalate into', () => {
    const r = analyze([{ path: 'in.yaml', text: csrApprover }]);
    // Whoever holds the runner's token approves its own system:masters CSR, and writing
    // the runner's role then gains nothing.
    const escalate = r.findings.filter((f) => f.technique === 'rbac-escalate');
    expect(escalate.map((f) => f.location.line)).toEqual([]);
    expect(r.findings.map((f) => f.technique)).toContain('rbac-permissions');
  });

  it('still lists it where a binding grants update and escalate on the bound role', () => {
    const r = analyze([{ path: 'in.yaml', text: csrApprover + roleEscalator }]);
    expect(r.findings.some((f) => f.technique === 'rbac-escalate')).toBe(true);
  });
});
