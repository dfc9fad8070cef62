// The worked example of docs/mut-model.md, which every part of the product must reproduce:
// MUT 1 with anonymous auth on a public API server, 2 with it off, 3 with a private
// endpoint behind a VPN; 0 once cluster-admin is bound to system:unauthenticated.

import { describe, expect, it } from 'vitest';
import { analyze, type GoalResult, type InputFile } from '../../src/engine/index.ts';

function apiServer(anonymous: boolean, bindAddress: string): InputFile {
  return {
    path: 'kube-apiserver.yaml',
    text: `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - kube-apiserver
        - --anonymous-auth=${anonymous}
        - --authorization-mode=Node,RBAC
        - --bind-address=${bindAddress}
        - --secure-port=6443
`,
  };
}

const teamA: InputFile = {
  path: 'team-a.yaml',
  text: `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: developer
  namespace: team-a
rules:
  - apiGroups: ['']
    resources: [configmaps, services]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: developers
  namespace: team-a
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: developer
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: alice
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: developers
`,
};

const threatModel: InputFile = {
  path: 'threat-model.yaml',
  text: `apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  attacker:
    start: internet
  goals:
    - cluster-admin
  remoteAccess:
    name: corporate VPN
    kind: vpn
  credentials:
    - id: alice-kubeconfig
      user: alice
      groups: [developers]
      keptAt: alice's laptop
`,
};

const unauthenticatedAdmin: InputFile = {
  path: 'unauthenticated-admin.yaml',
  text: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: anonymous-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: system:unauthenticated
`,
};

const stage1 = [apiServer(true, '0.0.0.0'), teamA, threatModel];
const stage2 = [apiServer(false, '0.0.0.0'), teamA, threatModel];
const stage3 = [apiServer(false, '10.0.0.10'), teamA, threatModel];

function clusterAdmin(files: InputFile[]): GoalResult {
  const result = analyze(files);
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  expect(result.goals.map((g) => g.goal)).toEqual(['cluster-admin']);
  return result.goals[0]!;
}

const steps = (g: GoalResult) => g.witness?.steps.map((s) => s.technique);
const messUpIds = (ms: { id: string }[]) => ms.map((m) => m.id).sort();
const templatesOf = (ms: { template: string }[]) => ms.map((m) => m.template).sort();

describe('the worked example', () => {
  it('stage 0: cluster-admin bound to system:unauthenticated on a public, anonymous API server is MUT 0', () => {
    const g = clusterAdmin([...stage1, unauthenticatedAdmin]);
    expect(g.mut).toBe(0);
    expect(g.exact).toBe(true);
    expect(g.lowerBound).toBe(0);
    expect(g.witness?.messUps).toEqual([]);
    expect(steps(g)).toEqual([
      'api-server-public-endpoint',
      'anonymous-authentication',
      'rbac-permissions',
      'cluster-admin-rights',
    ]);
  });

  it('stage 1: with anonymous auth on, one binding to the anonymous identity is enough (MUT 1)', () => {
    const g = clusterAdmin(stage1);
    expect(g.mut).toBe(1);
    expect(g.exact).toBe(true);
    expect(g.lowerBound).toBe(g.mut);
    const [only] = g.witness!.messUps;
    expect(g.witness!.messUps).toHaveLength(1);
    expect(only!.template).toBe('bind-cluster-admin');
    expect([
      'bind-cluster-admin:group:system:unauthenticated',
      'bind-cluster-admin:user:system:anonymous',
    ]).toContain(only!.id);
    expect(only!.title).toMatch(
      /^Someone binds cluster-admin to (group system:unauthenticated|user system:anonymous)$/,
    );
    expect(only!.category).toBe('misconfiguration');
    expect(steps(g)).toEqual([
      'api-server-public-endpoint',
      'anonymous-authentication',
      'rbac-permissions',
      'cluster-admin-rights',
    ]);
    const grant = g.witness!.steps.find((s) => s.technique === 'rbac-permissions')!;
    expect(grant.messUps).toEqual([only!.id]);
    expect(grant.to).toBe('full rights cluster-wide');
    // Both anonymous subjects are listed: the other one is an alternative of the same cost.
    const others = g.alternatives.filter((a) => a.cost === 1).map((a) => messUpIds(a.messUps));
    expect(others).toContainEqual(
      [
        'bind-cluster-admin:group:system:unauthenticated',
        'bind-cluster-admin:user:system:anonymous',
      ].filter((id) => id !== only!.id),
    );
  });

  it('stage 2: with anonymous auth off, a leak and an over-grant must happen together (MUT 2)', () => {
    const g = clusterAdmin(stage2);
    expect(g.mut).toBe(2);
    expect(g.exact).toBe(true);
    expect(g.lowerBound).toBe(g.mut);
    const chosen = templatesOf(g.witness!.messUps);
    // Either "alice's kubeconfig leaks and is over-granted" or "anonymous auth comes back
    // and the anonymous identity is over-granted": both cost 2.
    expect([
      ['bind-cluster-admin', 'credential-leak'],
      ['anonymous-auth-enabled', 'bind-cluster-admin'],
    ]).toContainEqual(chosen);
    expect(steps(g)![0]).toBe('api-server-public-endpoint');
    expect(steps(g)!.at(-1)).toBe('cluster-admin-rights');
    // A learner sees the other way in too.
    const all = [g.witness!.messUps, ...g.alternatives.map((a) => a.messUps)].map(templatesOf);
    expect(all).toContainEqual(['bind-cluster-admin', 'credential-leak']);
    expect(all).toContainEqual(['anonymous-auth-enabled', 'bind-cluster-admin']);
  });

  it('stage 2: the alternatives include "a developer kubeconfig leaks and is over-granted"', () => {
    const g = clusterAdmin(stage2);
    const sets = [g.witness!.messUps, ...g.alternatives.map((a) => a.messUps)].map(messUpIds);
    const leakAndGrant = sets.filter(
      (s) =>
        s.length === 2 &&
        s.includes('credential-leak:alice-kubeconfig') &&
        (s.includes('bind-cluster-admin:user:alice') ||
          s.includes('bind-cluster-admin:group:developers')),
    );
    expect(leakAndGrant.length).toBeGreaterThan(0);
    const leak = g.alternatives
      .flatMap((a) => a.messUps)
      .concat(g.witness!.messUps)
      .find((m) => m.id === 'credential-leak:alice-kubeconfig')!;
    expect(leak.title).toBe("alice-kubeconfig leaks (kept on alice's laptop)");
    expect(leak.category).toBe('leak');
    // Every alternative is minimal and costs at most MUT + 1, cheapest first.
    const costs = g.alternatives.map((a) => a.cost);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const c of costs) expect(c).toBeLessThanOrEqual(g.mut! + 1);
  });

  it('stage 2: the leak-and-grant witness reads as the attack it stands for', () => {
    const g = clusterAdmin(stage2);
    const leakAndGrant = [g.witness!, ...g.alternatives].find((s) =>
      s.messUps.some((m) => m.id === 'credential-leak:alice-kubeconfig'),
    );
    expect(leakAndGrant).toBeDefined();
    if (g.witness!.messUps.some((m) => m.template === 'credential-leak')) {
      expect(steps(g)).toEqual([
        'api-server-public-endpoint',
        'leaked-credential',
        'rbac-permissions',
        'cluster-admin-rights',
      ]);
      const leaked = g.witness!.steps.find((s) => s.technique === 'leaked-credential')!;
      expect(leaked.messUps).toEqual(['credential-leak:alice-kubeconfig']);
      expect(leaked.to).toMatch(/^the identity (user alice|group developers)$/);
    }
  });

  it('stage 3: behind a VPN, the VPN (or the endpoint), a leak and an over-grant (MUT 3)', () => {
    const g = clusterAdmin(stage3);
    expect(g.mut).toBe(3);
    expect(g.exact).toBe(true);
    expect(g.lowerBound).toBe(g.mut);
    const chosen = templatesOf(g.witness!.messUps);
    expect(chosen).toHaveLength(3);
    expect(chosen).toContain('bind-cluster-admin');
    expect(
      chosen.includes('remote-access-compromised') || chosen.includes('endpoint-made-public'),
    ).toBe(true);
    const all = [g.witness!.messUps, ...g.alternatives.map((a) => a.messUps)].map(templatesOf);
    expect(all).toContainEqual([
      'bind-cluster-admin',
      'credential-leak',
      'remote-access-compromised',
    ]);
    expect(all).toContainEqual(['bind-cluster-admin', 'credential-leak', 'endpoint-made-public']);
    const vpn = all.find((s) => s.includes('remote-access-compromised'));
    expect(vpn).toBeDefined();
    if (chosen.includes('remote-access-compromised')) {
      expect(steps(g)).toContain('remote-access-pivot');
      const title = g.witness!.messUps.find((m) => m.template === 'remote-access-compromised')!;
      expect(title.title).toBe('The corporate VPN (vpn) is compromised');
      expect(title.category).toBe('assumption');
    } else {
      expect(steps(g)![0]).toBe('api-server-public-endpoint');
    }
  });

  it('is monotone across the stages: each hardening step raises the MUT by one', () => {
    const muts = [[...stage1, unauthenticatedAdmin], stage1, stage2, stage3].map(
      (files) => clusterAdmin(files).mut,
    );
    expect(muts).toEqual([0, 1, 2, 3]);
  });

  it('points the anonymous-auth step at the --anonymous-auth=true line', () => {
    const result = analyze([...stage1, unauthenticatedAdmin]);
    const step = result.goals[0]!.witness!.steps.find(
      (s) => s.technique === 'anonymous-authentication',
    )!;
    const flag = step.locations.find((l) => l.file === 'kube-apiserver.yaml' && l.line === 13);
    expect(flag).toBeDefined();
    // The marker covers the list entry `- --anonymous-auth=true` (columns 9 to 31).
    expect(flag!.column).toBeLessThanOrEqual(11);
    expect(flag!.endColumn).toBeGreaterThanOrEqual(11 + '--anonymous-auth=true'.length);
  });
});
