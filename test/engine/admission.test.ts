// Admission as the API server applies it (model/admission.ts, graph/admission.ts): pods the
// namespace's Pod Security `enforce` level refuses do not run; a level the plugin cannot parse
// is `restricted`; exemptions count; `--allow-privileged=false` refuses privileged pods.

import { describe, expect, it } from 'vitest';
import { analyze, type InputFile } from '../../src/engine/index.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import { buildGraph } from '../../src/engine/graph/buildGraph.ts';

function namespace(labels: Record<string, string> = {}): string {
  const entries = Object.entries(labels);
  return `apiVersion: v1
kind: Namespace
metadata:
  name: app
${entries.length ? `  labels:\n${entries.map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n')}\n` : ''}`;
}

/** An Internet-facing web app with a known bug, privileged: the bug gives root on its node. */
const privilegedWeb = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: app }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      automountServiceAccountToken: false
      containers:
        - name: web
          image: web
          securityContext: { privileged: true }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: app }
spec: { type: LoadBalancer, selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  goals: [node-root]
  vulnerableWorkloads: [app/web]
  costs:
    kernel-escape-bug: forbidden
    bind-cluster-admin: forbidden
`;

/** A developer who may create pods in app: a privileged pod gives root on a node. */
const podCreator = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dev, namespace: app }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
subjects:
  - { kind: User, name: dev, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  goals: [node-root]
  credentials:
    - { id: dev, user: dev, keptAt: laptop }
  costs:
    credential-leak:dev: 0
    kernel-escape-bug: forbidden
`;

const input = (...docs: string[]): InputFile[] => [
  { path: 'cluster.yaml', text: docs.join('---\n') },
];
const analysis = (...docs: string[]) => analyze(input(...docs), { findings: false });
const modelOf = (...docs: string[]) =>
  buildModel(readObjects(parseFiles(input(...docs)).documents).objects);

describe('Pod Security enforce levels', () => {
  it('a level the plugin cannot parse is restricted, with a warning at the label', () => {
    const { model, diagnostics } = modelOf(
      namespace({ 'pod-security.kubernetes.io/enforce': 'Baseline' }),
    );
    expect(model.namespaces.get('app')?.enforce.value).toBe('restricted');
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', line: 6, file: 'cluster.yaml' }),
    );
  });

  it('so a developer cannot create a privileged pod there today (MUT 1, not 0)', () => {
    const result = analysis(
      namespace({ 'pod-security.kubernetes.io/enforce': 'privilegd' }),
      podCreator,
    );
    const goal = result.goals[0]!;
    expect(goal.mut).toBe(1);
    // Relaxing the namespace's level is one of the single mistakes that open the way (which
    // of them is the witness is the canonical tie-break's choice: the shortest attack).
    const atMut = [goal.witness!.messUps, ...goal.alternatives.map((a) => a.messUps)]
      .filter((set) => set.reduce((sum, m) => sum + m.cost, 0) === 1)
      .map((set) => set.map((m) => m.id));
    expect(atMut).toContainEqual(['pod-security-relaxed:app']);
  });

  it('an enforce-version the plugin cannot parse is latest, with a warning', () => {
    const { model, diagnostics } = modelOf(
      namespace({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/enforce-version': '1.30',
      }),
    );
    expect(model.namespaces.get('app')?.enforceVersion?.value).toBe('latest');
    expect(diagnostics.filter((d) => d.severity === 'warning')).toHaveLength(1);
  });
});

describe('pods the level refuses do not run', () => {
  it('a privileged workload in a baseline namespace: a warning says so, and it is no way in', () => {
    const result = analysis(
      namespace({ 'pod-security.kubernetes.io/enforce': 'baseline' }),
      privilegedWeb,
    );
    const warning = result.diagnostics.find((d) => d.severity === 'warning');
    expect(warning?.message).toMatch(
      /Pod Security "baseline" on namespace app rejects the pods of Deployment app\/web \(privileged\)/,
    );
    expect(warning?.line).toBe(20);
    // Relaxing the namespace brings the pod back: one mess-up.
    const goal = result.goals[0]!;
    expect(goal.mut).toBe(1);
    // Relaxing the namespace's level is one of the single mistakes that open the way (which
    // of them is the witness is the canonical tie-break's choice: the shortest attack).
    const atMut = [goal.witness!.messUps, ...goal.alternatives.map((a) => a.messUps)]
      .filter((set) => set.reduce((sum, m) => sum + m.cost, 0) === 1)
      .map((set) => set.map((m) => m.id));
    expect(atMut).toContainEqual(['pod-security-relaxed:app']);
  });

  it('the same workload where the level allows it runs: MUT 0', () => {
    expect(analysis(namespace(), privilegedWeb).goals[0]?.mut).toBe(0);
  });

  it('without a relaxing mess-up, the refused pod leads nowhere', () => {
    const forbidden = privilegedWeb.replace(
      'kernel-escape-bug: forbidden',
      'kernel-escape-bug: forbidden\n    pod-security-relaxed: forbidden',
    );
    const result = analysis(
      namespace({ 'pod-security.kubernetes.io/enforce': 'baseline' }),
      forbidden,
    );
    expect(result.goals[0]?.mut).toBeNull();
  });

  it('costs nothing when every pod is admitted: no admission condition is grounded', () => {
    const { model } = modelOf(namespace(), privilegedWeb);
    const graph = buildGraph(model, ['node-root'], 'internet');
    expect(graph.facts.some((f) => f.startsWith('c:admitted:'))).toBe(false);
    const refused = modelOf(
      namespace({ 'pod-security.kubernetes.io/enforce': 'baseline' }),
      privilegedWeb,
    ).model;
    const guarded = buildGraph(refused, ['node-root'], 'internet');
    expect(guarded.facts).toContain('c:admitted:app/Deployment/web');
  });
});

describe('exemptions from the AdmissionConfiguration', () => {
  const admission = (exemptions: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
  - name: PodSecurity
    configuration:
      apiVersion: pod-security.admission.config.k8s.io/v1
      kind: PodSecurityConfiguration
      defaults: { enforce: privileged }
      exemptions:
${exemptions}
`;
  const baseline = namespace({ 'pod-security.kubernetes.io/enforce': 'baseline' });

  it('an exempt namespace: the privileged pod runs (MUT 0)', () => {
    const result = analysis(baseline, privilegedWeb, admission('        namespaces: [app]'));
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.goals[0]?.mut).toBe(0);
  });

  it('an exempt RuntimeClass the pod names: it runs', () => {
    const named = privilegedWeb.replace(
      'automountServiceAccountToken: false',
      'automountServiceAccountToken: false\n      runtimeClassName: kata',
    );
    expect(
      analysis(baseline, named, admission('        runtimeClasses: [kata]')).goals[0]?.mut,
    ).toBe(0);
  });

  it("an exempt controller: a Deployment's pods are created by the ReplicaSet controller", () => {
    const user = '        usernames: ["system:serviceaccount:kube-system:replicaset-controller"]';
    expect(analysis(baseline, privilegedWeb, admission(user)).goals[0]?.mut).toBe(0);
  });

  it('defaults.enforce applies to namespaces without a label', () => {
    const config = admission('        namespaces: []').replace(
      'enforce: privileged',
      'enforce: baseline',
    );
    const result = analysis(namespace(), privilegedWeb, config);
    expect(result.goals[0]?.mut).toBe(1);
  });

  it('an invalid defaults.enforce: the API server would not start', () => {
    const config = admission('        namespaces: []').replace(
      'enforce: privileged',
      'enforce: strict',
    );
    const result = analysis(namespace(), privilegedWeb, config);
    expect(result.diagnostics.filter((d) => d.code === 'would-not-start')).toHaveLength(1);
  });
});

describe('--allow-privileged=false', () => {
  const apiServer = (flag: string) =>
    `apiVersion: v1
kind: Pod
metadata: { name: kube-apiserver, namespace: kube-system }
spec:
  containers:
    - name: kube-apiserver
      command: [kube-apiserver, --authorization-mode=Node RBAC, ${flag}]
`.replace('Node RBAC', 'Node,RBAC');

  it('refuses privileged pods even where Pod Security allows them', () => {
    const result = analysis(namespace(), privilegedWeb, apiServer('--allow-privileged=false'));
    expect(result.diagnostics.find((d) => d.severity === 'warning')?.message).toMatch(
      /--allow-privileged=false.*privileged container web of Deployment app\/web/,
    );
    expect(result.goals[0]?.mut).toBeNull();
  });

  it('so nobody can deploy a workload privileged: the mess-up is not a candidate', () => {
    const unprivileged = privilegedWeb.replace(
      'securityContext: { privileged: true }',
      'ports: []',
    );
    const on = analysis(namespace(), unprivileged, apiServer('--allow-privileged=true'));
    expect(on.goals[0]?.witness?.messUps.map((m) => m.template)).toEqual(['privileged-deploy']);
    const off = analysis(namespace(), unprivileged, apiServer('--allow-privileged=false'));
    expect(off.goals[0]?.mut).toBeNull();
  });
});
