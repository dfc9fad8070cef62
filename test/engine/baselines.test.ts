// Baselines: the control plane an input runs on where it says nothing, as named profiles
// (src/engine/baselines/, one file each). Each profile shows on the empty cluster by the
// cheapest ways in it allows; real formats in the input and the ThreatModel win over it.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, baselineChoices, baselineIds, type AnalysisResult } from '../../src/engine';
import { baselines } from '../../src/engine/baselines';
import threatModelSchema from '../../src/engine/model/threatModel.schema.json';

/** The mess-up sets of a goal's witness and alternatives, as `a+b` strings. */
function ways(result: AnalysisResult, goal: string): string[] {
  const g = result.goals.find((x) => x.goal === goal)!;
  const sets = [g.witness!.messUps, ...g.alternatives.map((a) => a.messUps)];
  return sets.map((set) => set.map((m) => m.id).join('+'));
}

const threatModel = (spec: string) => ({
  path: 'threat-model.yaml',
  text: `apiVersion: mutlab.dev/v1alpha1\nkind: ThreatModel\nmetadata:\n  name: cluster\nspec:\n${spec}`,
});

describe('the baseline catalogue', () => {
  it('registers every profile file once, under its id, kubeadm first (the default)', () => {
    const files = readdirSync('src/engine/baselines')
      .filter((f) => f !== 'index.ts' && f !== 'baseline.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect([...baselineIds].sort()).toEqual(files);
    expect(baselineIds[0]).toBe('kubeadm');
    expect(baselineChoices().map((c) => c.id)).toEqual(baselineIds);
  });

  it('is what the ThreatModel schema accepts for spec.baseline', () => {
    expect(threatModelSchema.properties.spec.properties.baseline.enum).toEqual(baselineIds);
  });

  for (const b of baselines)
    it(`${b.id}: has a title, prose and the pages its settings come from`, () => {
      expect(b.title.length).toBeGreaterThan(10);
      expect(b.description.length).toBeGreaterThan(200);
      expect(b.references.length).toBeGreaterThan(2);
      for (const r of b.references) expect(r).toMatch(/^https:\/\//);
    });
});

describe('each profile on an empty cluster', () => {
  const on = (baseline: string) => analyze([], { baseline });

  it('kubeadm: a public endpoint with anonymous authentication, one binding away', () => {
    const r = on('kubeadm');
    expect(r.baseline).toEqual({
      id: 'kubeadm',
      title: 'a kubeadm cluster with upstream defaults',
    });
    expect(r.goals.map((g) => g.mut)).toEqual([1, 1]);
    expect(ways(r, 'cluster-admin').sort()).toEqual([
      'bind-cluster-admin:group:system:unauthenticated',
      'bind-cluster-admin:user:system:anonymous',
    ]);
  });

  it("eks: the cluster creator's admin access can leak", () => {
    const r = on('eks');
    expect(r.baseline.id).toBe('eks');
    expect(ways(r, 'cluster-admin')).toContain('credential-leak:cluster-creator');
    expect(ways(on('kubeadm'), 'cluster-admin')).not.toContain('credential-leak:cluster-creator');
  });

  it('gke: a binding to system:authenticated is open to any Google account', () => {
    const r = on('gke');
    expect(ways(r, 'cluster-admin')).toContain('bind-cluster-admin:group:system:authenticated');
    expect(ways(on('kubeadm'), 'cluster-admin')).not.toContain(
      'bind-cluster-admin:group:system:authenticated',
    );
  });

  it('aks: the local clusterAdmin kubeconfig can leak', () => {
    expect(ways(on('aks'), 'cluster-admin')).toContain('credential-leak:aks-cluster-admin');
  });

  it('hardened: a private endpoint, anonymous off: three mistakes at once', () => {
    const r = on('hardened');
    expect(r.goals.map((g) => g.mut)).toEqual([3, 3]);
    for (const way of ways(r, 'cluster-admin')) {
      expect(way).toContain('endpoint-made-public:api-server');
      expect(way).toContain('anonymous-auth-enabled:api-server');
    }
  });
});

describe("the metadata service and the node's identity", () => {
  // An exploitable pod shares a node with a pod that mounts a Secret: where the metadata
  // service hands out the node's Kubernetes identity, the Secret is taken with no mess-up.
  const cluster = (baseline: string) => [
    {
      path: 'pods.yaml',
      text: `apiVersion: v1
kind: Pod
metadata: {name: front, namespace: shop, labels: {app: front}}
spec:
  containers: [{name: web, image: web, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: front, namespace: shop}
spec: {type: LoadBalancer, selector: {app: front}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: billing, namespace: shop}
spec:
  containers:
    - name: app
      image: billing
      env: [{name: KEY, valueFrom: {secretKeyRef: {name: stripe-key, key: key}}}]
---
apiVersion: v1
kind: Secret
metadata: {name: stripe-key, namespace: shop}
`,
    },
    threatModel(
      `  baseline: ${baseline}\n  goals: [secret:shop/stripe-key]\n  vulnerableWorkloads: [shop/front]\n`,
    ),
  ];

  it.each([
    ['kubeadm', 0],
    ['eks', 0],
  ])('%s: the node role logs the node in, so the Secret is reachable today', (b, mut) => {
    expect(analyze(cluster(b)).goals[0]!.mut).toBe(mut);
  });

  it.each(['gke', 'aks'])('%s: the metadata gives cloud tokens only, not the node', (b) => {
    const g = analyze(cluster(b)).goals[0]!;
    expect(g.mut).toBeGreaterThan(0);
    expect(g.witness?.steps.map((s) => s.technique)).not.toContain('cloud-metadata');
  });
});

describe('what the input says wins over the profile', () => {
  const apiServer = (flags: string) => ({
    path: 'kube-apiserver.yaml',
    text: `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.31.0
      command: [kube-apiserver, --authorization-mode=Node,RBAC, --allow-privileged=true${flags}]
`,
  });

  it("the API server's own command line: without --anonymous-auth it is on, whatever the profile", () => {
    const r = analyze([apiServer('')], { baseline: 'hardened' });
    // Still private (no --bind-address says otherwise): endpoint made public + the binding.
    expect(r.goals[0]!.mut).toBe(2);
    expect(ways(r, 'cluster-admin').join(' ')).not.toContain('anonymous-auth-enabled');
  });

  it('an eksctl ClusterConfig with a public endpoint opens the hardened profile', () => {
    const eksctl = {
      path: 'cluster.yaml',
      text: 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: shop, region: eu-west-1}\nvpc:\n  clusterEndpoints: {publicAccess: true}\n',
    };
    const r = analyze([eksctl], { baseline: 'hardened' });
    expect(r.goals[0]!.mut).toBe(2);
    expect(ways(r, 'cluster-admin').join(' ')).not.toContain('endpoint-made-public');
  });

  it('the ThreatModel: exposure, metadata and an explicit credentials list', () => {
    const r = analyze([threatModel('  baseline: eks\n  credentials: []\n')]);
    expect(r.baseline.id).toBe('eks');
    expect(ways(r, 'cluster-admin')).not.toContain('credential-leak:cluster-creator');
    const exposed = analyze([
      threatModel('  baseline: hardened\n  apiServer: {exposure: public}\n'),
    ]);
    expect(exposed.goals[0]!.mut).toBe(2);
  });

  it('the option wins over spec.baseline', () => {
    expect(analyze([threatModel('  baseline: eks\n')], { baseline: 'aks' }).baseline.id).toBe(
      'aks',
    );
  });
});

describe('an unknown baseline', () => {
  it('as an option: an error naming the valid ones, and kubeadm meanwhile', () => {
    const r = analyze([], { baseline: 'ekss' });
    expect(r.baseline.id).toBe('kubeadm');
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        message:
          'unknown baseline "ekss" (did you mean "eks"?): the baselines are kubeadm, eks, gke, aks, hardened',
      }),
    );
  });

  it('in the ThreatModel: an error at its line naming the valid ones', () => {
    const r = analyze([threatModel('  baseline: hardend\n')]);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        line: 6,
        message:
          'ThreatModel /spec/baseline: must be equal to one of the allowed values: kubeadm, eks, gke, aks, hardened (did you mean "hardened"?)',
      }),
    );
  });
});
