// An RBAC object the API server would refuse to store (pkg/apis/rbac/validation/validation.go,
// after pkg/apis/rbac/v1/defaults.go) grants nothing, and says so as an error at the line that
// is wrong: `kubectl apply` fails on it. Read as written, a ClusterRoleBinding to cluster-admin
// with `apiGroup: rbac.authorization.k8s.io/v1` opened the cluster (MUT 0) in no real cluster.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { apiServerPod } from './staticPods';

const apiServer = apiServerPod(['--anonymous-auth=true', '--authorization-mode=Node,RBAC']);

/** Anonymous callers bound to `role`; with `binding` and `subject` written as given. */
function cluster(edit: { binding?: string; subject?: string; role?: string; extra?: string }) {
  const role = edit.role ?? '';
  const binding =
    edit.binding ??
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: open
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role ? 'custom' : 'cluster-admin'}
subjects:
${edit.subject ?? '  - {kind: Group, name: system:unauthenticated, apiGroup: rbac.authorization.k8s.io}'}
`;
  const text = [role, binding, edit.extra ?? ''].filter(Boolean).join('\n---\n');
  return [
    { path: 'api.yaml', text: apiServer },
    { path: 'rbac.yaml', text },
  ];
}

function run(files: ReturnType<typeof cluster>) {
  const r = analyze(files);
  return {
    mut: r.goals.find((g) => g.goal === 'cluster-admin')!.mut,
    errors: r.diagnostics
      .filter((d) => d.severity === 'error' && d.file === 'rbac.yaml')
      .map((d) => `${d.line}: ${d.message}`),
  };
}

const customRole = (rule: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: custom
rules:
  - ${rule}`;

describe('RBAC objects the API server refuses', () => {
  it('a binding as written opens the cluster: MUT 0, no error (the control)', () => {
    expect(run(cluster({}))).toEqual({ mut: 0, errors: [] });
  });

  it.each([
    [
      'roleRef.apiGroup with a version',
      {
        binding:
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: open}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io/v1\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - {kind: Group, name: system:unauthenticated}',
      },
      /^5: ClusterRoleBinding open: the API server would refuse it \(roleRef\.apiGroup must be rbac\.authorization\.k8s\.io, not "rbac\.authorization\.k8s\.io\/v1"\), so it grants nothing$/,
    ],
    [
      'a ClusterRoleBinding to a Role',
      {
        binding:
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: open}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin}\nsubjects:\n  - {kind: Group, name: system:unauthenticated}',
      },
      /roleRef\.kind must be ClusterRole, not "Role"/,
    ],
    [
      'a subject kind in lower case',
      { subject: '  - {kind: group, name: system:unauthenticated}' },
      /subject kind must be ServiceAccount, User or Group, not "group"/,
    ],
    [
      'a User subject in the core group',
      {
        subject:
          '  - {kind: User, name: system:anonymous, apiGroup: ""}\n  - {kind: Group, name: system:unauthenticated, apiGroup: v1}',
      },
      /a Group subject's apiGroup must be rbac\.authorization\.k8s\.io, not "v1"/,
    ],
    [
      'a name with a slash',
      {
        binding:
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: team/open}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n  - {kind: Group, name: system:unauthenticated}',
      },
      /metadata\.name "team\/open" may not be/,
    ],
    [
      'a label value with a space (ValidateObjectMeta → ValidateLabels)',
      {
        binding:
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: open, labels: {team: "platform team"}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n  - {kind: Group, name: system:unauthenticated}',
      },
      /label value "platform team" is not valid/,
    ],
    [
      'an aggregation selector with a misspelt operator (ValidateClusterRole → ValidateLabelSelector)',
      {
        role: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: custom}\naggregationRule:\n  clusterRoleSelectors:\n    - matchExpressions: [{key: team, operator: in, values: [platform]}]\nrules:\n  - {verbs: ["*"], apiGroups: ["*"], resources: ["*"]}',
      },
      /ClusterRole custom: the API server would refuse it \(operator "in" is not In, NotIn, Exists or DoesNotExist\)/,
    ],
  ])('%s: grants nothing, and is an error', (_, edit, message) => {
    const { mut, errors } = run(cluster(edit));
    expect(mut).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('one bad subject refuses the whole binding, its good subjects too', () => {
    const { mut, errors } = run(
      cluster({
        subject:
          '  - {kind: Group, name: system:unauthenticated}\n  - {kind: ServiceAccount, name: default}',
      }),
    );
    expect(mut).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(
        /^11: .*a ServiceAccount subject of a ClusterRoleBinding needs its namespace/,
      ),
    ]);
  });

  it.each([
    ['no verbs', '{apiGroups: ["*"], resources: ["*"]}', /a rule must list at least one verb/],
    ['no API group', '{verbs: ["*"], resources: ["*"]}', /must list at least one API group/],
    ['no resources', '{verbs: ["*"], apiGroups: ["*"]}', /must list at least one resource/],
    [
      'URLs beside resources',
      '{verbs: ["*"], apiGroups: ["*"], resources: ["*"], nonResourceURLs: ["*"]}',
      /cannot grant both nonResourceURLs and resources/,
    ],
  ])('a role with a rule of %s grants nothing, its other rules neither', (_, bad, message) => {
    const role = `${customRole(bad)}\n  - {verbs: ["*"], apiGroups: ["*"], resources: ["*"]}`;
    const { mut, errors } = run(cluster({ role }));
    expect(mut).toBe(1);
    expect(errors[0]).toMatch(/ClusterRole custom: the API server would refuse it/);
    expect(errors[0]).toMatch(message);
    expect(errors).toHaveLength(1);
  });

  it('a Role may not grant nonResourceURLs, and a RoleBinding in a namespace that cannot exist is refused', () => {
    const extra = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: health, namespace: default}
rules:
  - {verbs: [get], nonResourceURLs: [/healthz]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: admins, namespace: Kube_System}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: Group, name: system:unauthenticated}`;
    const { errors } = run(cluster({ extra }));
    expect(errors).toEqual([
      expect.stringMatching(/Role default\/health: .*cannot grant nonResourceURLs/),
      expect.stringMatching(/RoleBinding Kube_System\/admins: .*metadata\.namespace "Kube_System"/),
    ]);
  });

  it('what the API server fills in or accepts is not refused', () => {
    // An empty roleRef.apiGroup and User/Group apiGroups are defaulted; RBAC names are path
    // segments, so colons are fine; a RoleBinding's namespace may be left to the request.
    const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:open"}
roleRef: {kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: Group, name: system:unauthenticated}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader}
roleRef: {kind: ClusterRole, name: view}
subjects:
  - {kind: ServiceAccount, name: default}
  - {kind: User, name: alice}`;
    expect(run(cluster({ binding }))).toEqual({ mut: 0, errors: [] });
  });

  it('a Namespace whose name is not a DNS label is an error at its name', () => {
    const extra = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Team-A';
    const r = analyze(cluster({ extra }));
    expect(
      r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`),
    ).toEqual([
      expect.stringMatching(
        /^16: Namespace Team-A: the API server would refuse it: the namespace name "Team-A" is not valid/,
      ),
    ]);
  });
});
