// Source locations travel from parse to finding (style practice 2): witness steps,
// mess-ups and findings point at the file, line and column the editor should mark,
// through `---` separators and inside `kind: List`.

import { describe, expect, it } from 'vitest';
import { analyze, type SourceLocation } from '../../src/engine/index.ts';
import { apiServerPod } from './staticPods.ts';

/** 1-based line and column of the first occurrence of `needle` at or after line `from`. */
function position(text: string, needle: string, from = 1): { line: number; column: number } {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) {
    const col = lines[i]!.indexOf(needle);
    if (col !== -1) return { line: i + 1, column: col + 1 };
  }
  throw new Error(`${needle} not found`);
}

/** Whether `at` marks `needle` in `text`: on its line, starting at or before it, covering it. */
function marks(at: SourceLocation, text: string, needle: string, from = 1): boolean {
  const p = position(text, needle, from);
  return (
    at.line === p.line &&
    at.column <= p.column &&
    (at.endColumn === undefined || at.endColumn >= p.column + needle.length)
  );
}

const workloads = `apiVersion: v1
kind: Namespace
metadata:
  name: app
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: app
data:
  privileged: "true"
---
# the workload under attack
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: app
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      automountServiceAccountToken: false
      containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
`;

const startInWeb = `apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  attacker:
    start: pod:app/web
  goals: [node-root]
  cloud:
    metadata: false
`;

describe('locations', () => {
  it('a witness step points at `privileged: true` of a Deployment after two `---` separators', () => {
    const r = analyze([
      { path: 'workloads.yaml', text: workloads },
      { path: 'threat.yaml', text: startInWeb },
    ]);
    const step = r.goals[0]!.witness!.steps.find((s) => s.technique === 'privileged-container');
    expect(step).toBeDefined();
    const deployment = position(workloads, 'kind: Deployment').line;
    const at = step!.locations.find((l) => l.file === 'workloads.yaml');
    expect(at).toBeDefined();
    expect(marks(at!, workloads, 'privileged: true', deployment)).toBe(true);
    expect(at!.column).toBe(position(workloads, 'privileged: true', deployment).column);
  });

  it('a finding points at the same line, with the technique and its references', () => {
    const r = analyze([
      { path: 'workloads.yaml', text: workloads },
      { path: 'threat.yaml', text: startInWeb },
    ]);
    const line = position(workloads, 'privileged: true', 20).line;
    const finding = r.findings.find(
      (f) => f.technique === 'privileged-container' && f.location.file === 'workloads.yaml',
    );
    expect(finding).toBeDefined();
    expect(finding!.location.line).toBe(line);
    expect(finding!.object).toBe('Deployment app/web');
    expect(finding!.references).toContain('pss:baseline/privileged');
    // Shared with the technique's catalogue entry, so nobody may change it.
    expect(Object.isFrozen(finding!.references)).toBe(true);
    // The Pod Security check on the same line, under its own name.
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        check: 'pss:baseline/privileged',
        location: expect.objectContaining({ file: 'workloads.yaml', line }),
      }),
    );
  });

  it('a witness step points at the `--anonymous-auth=true` flag of an API server after `---`', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: kube-system
---
${apiServerPod(['--authorization-mode=Node,RBAC', '--anonymous-auth=true'])}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: oops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: Group
    name: system:unauthenticated
`;
    const r = analyze([{ path: 'control-plane.yaml', text }], { goals: ['cluster-admin'] });
    const g = r.goals[0]!;
    expect(g.mut).toBe(0);
    const anon = g.witness!.steps.find((s) => s.technique === 'anonymous-authentication')!;
    expect(anon.locations.some((l) => marks(l, text, '--anonymous-auth=true'))).toBe(true);
    // The grant step points at the subject of the binding that makes it possible.
    const grant = g.witness!.steps.find((s) => s.technique === 'rbac-permissions')!;
    const subject = position(text, '- kind: Group');
    expect(grant.locations).toContainEqual(
      expect.objectContaining({ file: 'control-plane.yaml', line: subject.line }),
    );
  });

  it('a mess-up points at the line whose defence it breaks', () => {
    const text = apiServerPod(['--authorization-mode=Node,RBAC', '--anonymous-auth=false']);
    const r = analyze([{ path: 'apiserver.yaml', text }], { goals: ['cluster-admin'] });
    const g = r.goals[0]!;
    const anon = [g.witness!, ...g.alternatives]
      .flatMap((s) => s.messUps)
      .find((m) => m.template === 'anonymous-auth-enabled');
    expect(anon).toBeDefined();
    expect(anon!.locations.some((l) => marks(l, text, '--anonymous-auth=false'))).toBe(true);
  });

  it('locations inside a `kind: List` (as kubectl get -o yaml prints it) point into its items', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: default
      namespace: app
  - apiVersion: v1
    kind: Pod
    metadata:
      name: web
      namespace: app
    spec:
      automountServiceAccountToken: false
      hostPID: true
      containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
metadata:
  resourceVersion: ""
`;
    const r = analyze([
      { path: 'dump.yaml', text },
      { path: 'threat.yaml', text: startInWeb },
    ]);
    const g = r.goals[0]!;
    expect(g.mut).toBe(0);
    const step = g.witness!.steps.find((s) => s.technique === 'nsenter-host-pid');
    expect(step).toBeDefined();
    expect(step!.locations.some((l) => marks(l, text, 'hostPID: true'))).toBe(true);
    expect(step!.locations.some((l) => marks(l, text, 'privileged: true'))).toBe(true);
    const finding = r.findings.find((f) => f.technique === 'nsenter-host-pid');
    expect(finding?.object).toBe('Pod app/web');
    expect([
      position(text, 'hostPID: true').line,
      position(text, 'privileged: true').line,
    ]).toContain(finding!.location.line);
  });

  it('locations in a JSON file (a kubectl dump) point at the right line', () => {
    const text = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'web', namespace: 'app' },
            spec: {
              automountServiceAccountToken: false,
              containers: [{ name: 'app', image: 'nginx', securityContext: { privileged: true } }],
            },
          },
        ],
      },
      null,
      2,
    );
    const r = analyze([
      { path: 'dump.json', text },
      { path: 'threat.yaml', text: startInWeb },
    ]);
    const step = r.goals[0]!.witness!.steps.find((s) => s.technique === 'privileged-container');
    expect(step).toBeDefined();
    const at = step!.locations.find((l) => l.file === 'dump.json');
    expect(at?.line).toBe(position(text, '"privileged": true').line);
  });

  it('diagnostics of a later document carry its line in the file, not in the document', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: app
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  name: again
`;
    const r = analyze([{ path: 'dup.yaml', text }]);
    const e = r.diagnostics.find((d) => d.severity === 'error');
    expect(e).toMatchObject({ file: 'dup.yaml', ...position(text, 'name: again') });
  });
});
