// An object in an API version no current API server serves is refused (`kubectl apply`: "no
// matches for kind"), and one of a custom resource that shares a built-in kind's name is not
// that kind: neither grants or runs anything. Read by kind alone, `apiVersion: v1` or
// `example.com/v1` ClusterRoleBindings to cluster-admin opened the cluster (MUT 0).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { apiServerPod } from './staticPods';

const apiServer = apiServerPod(['--anonymous-auth=true', '--authorization-mode=Node,RBAC']);

const openBinding = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: ClusterRoleBinding
metadata: {name: open}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: system:unauthenticated}]
`;

function run(text: string) {
  const r = analyze([
    { path: 'api.yaml', text: apiServer },
    { path: 'in.yaml', text },
  ]);
  const mine = r.diagnostics.filter((d) => d.file === 'in.yaml');
  return {
    mut: r.goals.find((g) => g.goal === 'cluster-admin')!.mut,
    errors: mine.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`),
    infos: mine.filter((d) => d.severity === 'info').map((d) => d.message),
  };
}

describe('API versions a current API server serves', () => {
  it('rbac.authorization.k8s.io/v1 is served: the binding opens the cluster', () => {
    expect(run(openBinding('rbac.authorization.k8s.io/v1'))).toMatchObject({ mut: 0, errors: [] });
  });

  it.each([
    [
      'rbac.authorization.k8s.io/v1beta1',
      /was removed in Kubernetes 1\.22: use rbac\.authorization\.k8s\.io\/v1/,
    ],
    [
      'rbac.authorization.k8s.io/v1alpha1',
      /is an alpha version no API server serves unless told to: use rbac\.authorization\.k8s\.io\/v1/,
    ],
    [
      'v1',
      /no Kubernetes release serves ClusterRoleBinding in v1: it is rbac\.authorization\.k8s\.io\/v1/,
    ],
    [
      'rbac.authorization.k8s.io/v2',
      /no Kubernetes release serves ClusterRoleBinding in rbac\.authorization\.k8s\.io\/v2/,
    ],
  ])('a ClusterRoleBinding in %s is refused: it grants nothing', (apiVersion, message) => {
    const { mut, errors } = run(openBinding(apiVersion));
    expect(mut).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^1: ClusterRoleBinding open: the API server would refuse it/);
    expect(errors[0]).toMatch(message);
  });

  it('a Deployment in extensions/v1beta1 is an error at its apiVersion', () => {
    const deployment = `apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: web, namespace: app}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`;
    expect(run(deployment).errors).toEqual([
      '1: Deployment app/web: the API server would refuse it: extensions/v1beta1 Deployment was removed in Kubernetes 1.16: use apps/v1',
    ]);
  });

  it('a custom resource named like a built-in kind is not that kind: not modelled, not an error', () => {
    const { mut, errors, infos } = run(openBinding('example.com/v1'));
    expect(mut).toBe(1);
    expect(errors).toEqual([]);
    expect(infos).toContain(
      'ClusterRoleBinding of example.com/v1 is a custom resource, not the Kubernetes ClusterRoleBinding: it is not modelled',
    );
  });

  it('a Knative Service is not a Kubernetes Service', () => {
    const knative = `apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello, namespace: default}
spec:
  template:
    spec:
      containers: [{image: ghcr.io/knative/helloworld-go:latest}]
`;
    const { errors, infos } = run(knative);
    expect(errors).toEqual([]);
    expect(infos).toEqual([
      'Service of serving.knative.dev/v1 is a custom resource, not the Kubernetes Service: it is not modelled',
    ]);
  });
});
