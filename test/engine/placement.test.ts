// Workloads as they run (issue #21, item 5): run-to-completion pods listen only when they say
// so; placement follows the kube-scheduler's filters over the input's Node objects; without
// Node objects the ThreatModel's `spec.nodes` is the assumption, and it is said.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import { daemonSetNodes } from '../../src/engine/model/daemonSetNodes.ts';
import { tolerates } from '../../src/engine/model/scheduling.ts';

function model(text: string) {
  return buildModel(readObjects(parseFiles([{ path: 'in.yaml', text }]).documents).objects);
}

const nodeOf = (text: string, name: string) =>
  model(text).model.pods.find((p) => p.name === name)?.node;

const threatModel = (goal: string) => `---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  goals: [${goal}]
  costs: { bind-cluster-admin: forbidden, credential-leak: forbidden, powerful-credential-kept: forbidden }
`;

const job = (extra: { ports?: boolean; labels?: string } = {}) => `apiVersion: batch/v1
kind: Job
metadata: { name: migrate, namespace: shop }
spec:
  template:
    metadata: { labels: { app: ${extra.labels ?? 'migrate'} } }
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: shop/migrate
${extra.ports ? '          ports: [{ containerPort: 8080 }]\n' : ''}`;

const service = `---
apiVersion: v1
kind: Service
metadata: { name: migrate, namespace: shop }
spec:
  selector: { app: migrate }
  ports: [{ port: 80 }]
`;

const mutOf = (text: string) => analyze([{ path: 'in.yaml', text }]).goals[0]!.mut;

describe('workloads that run to completion', () => {
  it('a Job that declares no port and no Service selects is no network target', () => {
    const asDeployment = job()
      .replace('batch/v1', 'apps/v1')
      .replace('kind: Job', 'kind: Deployment')
      .replace(
        'spec:\n  template:',
        'spec:\n  selector: { matchLabels: { app: migrate } }\n  template:',
      )
      .replace('      restartPolicy: Never\n', '');
    // A serving pod: someone exposes it and it has a bug.
    expect(mutOf(asDeployment + threatModel('exec:shop/migrate'))).toBe(2);
    expect(mutOf(job() + threatModel('exec:shop/migrate'))).toBeNull();
  });

  it('listens when a container declares a port, or a Service selects it', () => {
    expect(mutOf(job({ ports: true }) + threatModel('exec:shop/migrate'))).toBe(2);
    expect(mutOf(job() + service + threatModel('exec:shop/migrate'))).toBe(2);
  });

  it('a Helm hook of any kind runs to completion too', () => {
    const hook = `apiVersion: v1
kind: Pod
metadata:
  name: migrate
  namespace: shop
  annotations: { helm.sh/hook: pre-upgrade }
spec:
  containers: [{ name: migrate, image: shop/migrate }]
`;
    expect(mutOf(hook + threatModel('exec:shop/migrate'))).toBeNull();
  });
});

const nodes = `apiVersion: v1
kind: Node
metadata:
  name: cp-1
  labels: { node-role.kubernetes.io/control-plane: '' }
spec:
  taints: [{ key: node-role.kubernetes.io/control-plane, effect: NoSchedule }]
---
apiVersion: v1
kind: Node
metadata:
  name: general-1
  labels: { pool: general }
---
apiVersion: v1
kind: Node
metadata:
  name: gpu-1
  labels: { pool: gpu, cores: '64' }
spec:
  taints: [{ key: nvidia.com/gpu, value: present, effect: NoSchedule }]
---
`;

const pod = (name: string, spec: string) => `---
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: app }
spec:
${spec}  containers: [{ name: c, image: busybox }]
`;

describe('placement over the Node objects of the input', () => {
  it('puts a pod without constraints on the first worker that fits, never on a tainted node', () => {
    expect(nodeOf(nodes + pod('plain', ''), 'plain')).toBe('general-1');
  });

  it('follows nodeSelector, and a taint keeps out whoever does not tolerate it', () => {
    const text =
      nodes +
      pod('wants-gpu', '  nodeSelector: { pool: gpu }\n') +
      pod(
        'tolerates-gpu',
        '  nodeSelector: { pool: gpu }\n  tolerations: [{ key: nvidia.com/gpu, operator: Exists }]\n',
      );
    const { model: m, diagnostics } = model(text);
    const wants = m.pods.find((p) => p.name === 'wants-gpu')!;
    expect(wants.rejected?.by).toBe('unschedulable');
    expect(diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringContaining('Pod app/wants-gpu fits none of the input'),
    );
    expect(m.pods.find((p) => p.name === 'tolerates-gpu')!.node).toBe('gpu-1');
  });

  it('reads required node affinity as the scheduler does: terms ORed, Gt on an integer label, matchFields by name', () => {
    const affinity = (term: string) =>
      `  tolerations: [{ operator: Exists }]\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n${term}`;
    const text =
      nodes +
      pod(
        'many-cores',
        affinity("          - matchExpressions: [{ key: cores, operator: Gt, values: ['32'] }]\n"),
      ) +
      pod(
        'by-name',
        affinity(
          '          - matchExpressions: [{ key: pool, operator: In, values: [nowhere] }]\n          - matchFields: [{ key: metadata.name, operator: In, values: [cp-1] }]\n',
        ),
      ) +
      pod('empty-term', affinity('          - {}\n'));
    expect(nodeOf(text, 'many-cores')).toBe('gpu-1');
    expect(nodeOf(text, 'by-name')).toBe('cp-1');
    expect(model(text).model.pods.find((p) => p.name === 'empty-term')!.rejected?.by).toBe(
      'unschedulable',
    );
  });

  it('runs a DaemonSet on every node it tolerates, with the same rules', () => {
    const text = `${nodes}apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: app }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      tolerations: [{ key: nvidia.com/gpu, operator: Equal, value: present }]
      containers: [{ name: agent, image: agent }]
`;
    const { model: m } = model(text);
    expect(daemonSetNodes(m, m.pods[0]!).sort()).toEqual(['general-1', 'gpu-1']);
  });
});

describe('tolerations, as ToleratesTaint reads them', () => {
  const taint = { key: 'dedicated', value: '5', effect: 'NoSchedule' };
  it.each([
    [{ operator: 'Exists' }, true],
    [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'dedicated', value: '5' }, true],
    [{ key: 'dedicated', operator: 'Equal', value: '6' }, false],
    [{ key: 'dedicated', operator: 'Gt', value: '4' }, true],
    [{ key: 'dedicated', operator: 'Lt', value: '5' }, false],
    [{ key: 'dedicated', operator: 'Lt', value: 'x' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
  ])('%j tolerates {dedicated=5:NoSchedule}: %s', (toleration, expected) => {
    expect(tolerates(toleration, taint)).toBe(expected);
  });
});

describe('without Node objects, a stated assumption', () => {
  const two = `${pod('a', '')}${pod('b', '')}`;

  it('shares one worker by default, and says so', () => {
    const { model: m, diagnostics } = model(two);
    expect(m.pods.map((p) => p.node)).toEqual(['worker', 'worker']);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('pods without placement share one worker node'),
      }),
    );
  });

  it('gives each workload a node of its own with spec.nodes: separate', () => {
    const text = `${two}---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  nodes: separate
`;
    const { model: m, diagnostics } = model(text);
    expect(m.pods.map((p) => p.node)).toEqual(['worker-app-a', 'worker-app-b']);
    expect(m.nodes).toEqual(['control-plane', 'worker-app-a', 'worker-app-b']);
    expect(diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringContaining('each workload without placement runs on a worker node of its own'),
    );
  });

  it('separate nodes keep one pod escape from reaching another pod token', () => {
    const privileged = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: app }
spec:
  automountServiceAccountToken: false
  containers:
    - name: web
      image: nginx
      securityContext: { privileged: true }
---
apiVersion: v1
kind: Pod
metadata: { name: deployer, namespace: app }
spec:
  serviceAccountName: deployer
  containers: [{ name: c, image: busybox }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: deployer-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: deployer, namespace: app }]
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  attacker: { start: pod:app/web }
  goals: [cluster-admin]
  cloud: { metadata: false }
  costs: { bind-cluster-admin: forbidden, credential-leak: forbidden, powerful-credential-kept: forbidden }
`;
    expect(mutOf(privileged)).toBe(0);
    // On a node of its own, the deployer is reached only through a bug of its own.
    expect(
      mutOf(privileged.replace('spec:\n  attacker:', 'spec:\n  nodes: separate\n  attacker:')),
    ).toBe(1);
  });
});

describe('a managed control plane (the gke, eks and aks baselines)', () => {
  const on = (baseline: string, text: string) =>
    buildModel(readObjects(parseFiles([{ path: 'in.yaml', text }]).documents).objects, {
      baseline,
    });
  const bound = pod('bound', '  nodeName: control-plane\n');
  const selecting = pod(
    'selecting',
    "  nodeSelector: { node-role.kubernetes.io/control-plane: '' }\n  tolerations: [{ operator: Exists }]\n",
  );

  it.each(['gke', 'eks', 'aks'])(
    '%s: the cluster has no control-plane node, so a pod bound or steered to one does not run',
    (baseline) => {
      const { model: m, diagnostics } = on(baseline, bound + selecting);
      expect(m.nodes).not.toContain('control-plane');
      expect(m.pods.map((p) => [p.name, p.rejected?.by])).toEqual([
        ['bound', 'unschedulable'],
        ['selecting', 'unschedulable'],
      ]);
      const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
      expect(warnings).toEqual([
        expect.stringMatching(
          /Pod app\/bound names the node control-plane, but the provider runs this control plane .*garbage collector/,
        ),
        expect.stringMatching(
          /Pod app\/selecting asks for a control-plane node, but the provider runs this control plane .*Pending/,
        ),
      ]);
    },
  );

  it('kubeadm and hardened run their own control plane: the same pods run on it', () => {
    for (const baseline of ['kubeadm', 'hardened']) {
      const { model: m } = on(baseline, bound + selecting);
      expect(m.pods.map((p) => [p.node, p.rejected])).toEqual([
        ['control-plane', undefined],
        ['control-plane', undefined],
      ]);
    }
  });

  it('a DaemonSet that tolerates every taint runs on the workers only', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: app }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      tolerations: [{ operator: Exists }]
      containers: [{ name: agent, image: agent }]
`;
    const managed = on('eks', text).model;
    expect(daemonSetNodes(managed, managed.pods[0]!)).toEqual(['worker']);
    const own = on('kubeadm', text).model;
    expect(daemonSetNodes(own, own.pods[0]!)).toEqual(['control-plane', 'worker']);
  });

  it("the input's own control plane wins over the baseline: a control-plane Node object", () => {
    const { model: m } = on('gke', nodes + selecting);
    expect(m.pods[0]!.node).toBe('cp-1');
  });

  it('a pod creator cannot reach cluster-admin through a control-plane node that does not exist', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: app }
spec:
  serviceAccountName: deployer
  containers: [{ name: web, image: nginx }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: pods, namespace: app }
rules: [{ apiGroups: [''], resources: [pods], verbs: [create] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: deployer-pods, namespace: app }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods }
subjects: [{ kind: ServiceAccount, name: deployer, namespace: app }]
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  attacker: { start: pod:app/web }
  goals: [cluster-admin]
  nodes: separate
  cloud: { metadata: false }
  costs: { bind-cluster-admin: forbidden, credential-leak: forbidden, powerful-credential-kept: forbidden }
`;
    const mut = (baseline: string) => analyze([{ path: 'in.yaml', text }], { baseline }).goals[0]!;
    // kubeadm: a privileged pod bound to the control-plane node is root there, and the
    // node's kubeconfigs are cluster-admin.
    expect(mut('kubeadm').mut).toBe(0);
    for (const baseline of ['gke', 'eks', 'aks']) {
      const goal = mut(baseline);
      expect(goal.mut === null || goal.mut > 0).toBe(true);
      expect(JSON.stringify(goal.witness ?? [])).not.toContain('control-plane');
    }
  });
});
