import type { InputFile } from '../src/engine/types';

// Seeded synthetic clusters for the benchmarks: a realistic mix of namespaces,
// deployments, service accounts, roles, bindings, services and network policies,
// with a few weaknesses, so the analysis has real work to do. Same seed, same cluster.

function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** About `objects` Kubernetes objects, as one multi-document YAML file plus a ThreatModel. */
export function generateCluster(objects: number, seed = 42): InputFile[] {
  const random = lcg(seed);
  const docs: string[] = [];
  // Each team namespace holds ~10 objects: namespace, SA, role, binding, policy, 2 × (deployment + service) + configmap-like extras.
  const perNamespace = 10;
  const namespaces = Math.max(1, Math.round(objects / perNamespace));
  let count = 0;
  for (let n = 0; n < namespaces && count < objects; n++) {
    const ns = `team-${n}`;
    const enforce = random() < 0.7 ? 'baseline' : random() < 0.5 ? 'restricted' : undefined;
    docs.push(`apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    team: t${n}${enforce ? `\n    pod-security.kubernetes.io/enforce: ${enforce}` : ''}`);
    docs.push(`apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: ${ns}
automountServiceAccountToken: ${random() < 0.5}`);
    const verbs = random() < 0.05 ? '["create", "get", "list"]' : '["get", "list", "watch"]';
    const resources = random() < 0.03 ? '["secrets"]' : '["configmaps", "pods"]';
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: ${ns}
rules:
  - apiGroups: [""]
    resources: ${resources}
    verbs: ${verbs}`);
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
  namespace: ${ns}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: app
subjects:
  - kind: ServiceAccount
    name: app
  - kind: User
    name: dev-${n}`);
    if (random() < 0.6) {
      docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
    - to:
        - namespaceSelector: {}
      ports:
        - port: 53
          protocol: UDP`);
    } else {
      docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: ${ns}
data:
  level: "${n}"`);
    }
    count += 5;
    for (let d = 0; d < 2 && count < objects; d++) {
      const name = `svc-${d}`;
      const privileged = random() < 0.02;
      const hostPath = random() < 0.02;
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      serviceAccountName: app
      containers:
        - name: main
          image: registry.example.com/${ns}/${name}:1.${n}.${d}
          ports:
            - containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: false
            runAsNonRoot: true${privileged ? '\n            privileged: true' : ''}
          resources:
            limits:
              cpu: 500m
              memory: 256Mi${hostPath ? '\n          volumeMounts:\n            - name: host\n              mountPath: /host\n      volumes:\n        - name: host\n          hostPath:\n            path: /' : ''}`);
      const type = random() < 0.05 ? 'LoadBalancer' : 'ClusterIP';
      docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: ${type}
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: 8080`);
      count += 2;
    }
  }
  docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: Group
    name: ops`);
  const threat = `apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  goals: [cluster-admin, node-root]
  credentials:
    - id: ops-kubeconfig
      user: olivia
      groups: [ops]
      keptAt: the ops laptop`;
  return [
    { path: 'cluster.yaml', text: docs.map((d) => `---\n${d}\n`).join('') },
    { path: 'threat-model.yaml', text: threat },
  ];
}
