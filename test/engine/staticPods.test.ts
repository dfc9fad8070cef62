// The control plane's static pods are pods: the kubelet on the control-plane node runs each
// manifest and publishes a mirror pod named `<name>-<node>` (generatePodName in
// pkg/kubelet/config/common.go), which exec, ephemeral containers and the kubelet's API reach.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { apiServerPod } from './staticPods.ts';

const controlPlane = `apiVersion: v1
kind: Node
metadata:
  name: cp-1
  labels:
    node-role.kubernetes.io/control-plane: ''
---
apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.5.15-0
      command:
        - etcd
        - --listen-client-urls=https://127.0.0.1:2379
        - --client-cert-auth=true
---
${apiServerPod(['--authorization-mode=Node,RBAC', '--anonymous-auth=true'])}`;

function model(text: string) {
  const objects = readObjects(parseFiles([{ path: 'cp.yaml', text }]).documents).objects;
  return buildModel(objects).model;
}

/** Anonymous users get `verb` on `resource` in kube-system, or on `nodes/proxy` of cp-1. */
function grant(resource: string, verb: string, name: string): string {
  const namespaced = resource !== 'nodes/proxy';
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${namespaced ? 'Role' : 'ClusterRole'}
metadata:
  name: grant
${namespaced ? '  namespace: kube-system\n' : ''}rules:
  - apiGroups: ['']
    resources: [${resource}]
    resourceNames: [${name}]
    verbs: [${verb}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${namespaced ? 'RoleBinding' : 'ClusterRoleBinding'}
metadata:
  name: grant
${namespaced ? '  namespace: kube-system\n' : ''}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${namespaced ? 'Role' : 'ClusterRole'}
  name: grant
subjects:
  - kind: Group
    name: system:unauthenticated
`;
}

function steps(text: string): { mut: number | null; techniques: string[] } {
  const g = analyze([{ path: 'cp.yaml', text }], { goals: ['cluster-admin'] }).goals[0]!;
  return { mut: g.mut, techniques: g.witness?.steps.map((s) => s.technique) ?? [] };
}

describe('control-plane static pods', () => {
  it('are pods of the model, named as their mirror pods, on the control-plane node, with no token', () => {
    const pods = model(controlPlane).pods.filter((p) => p.namespace === 'kube-system');
    expect(pods.map((p) => [p.name, p.node, p.component?.binary])).toEqual([
      ['etcd-cp-1', 'cp-1', 'etcd'],
      ['kube-apiserver-cp-1', 'cp-1', 'kube-apiserver'],
    ]);
    expect(pods.every((p) => !p.automountToken.value)).toBe(true);
  });

  it('keep the name of a mirror pod exported from a cluster', () => {
    const exported = controlPlane.replace('  name: etcd\n', '  name: etcd-cp-1\n');
    expect(model(exported).pods.map((p) => p.name)).toContain('etcd-cp-1');
    expect(model(exported).pods.map((p) => p.name)).not.toContain('etcd-cp-1-cp-1');
  });

  it('are reached through the kubelet: get on nodes/proxy of cp-1 runs etcdctl in etcd', () => {
    const r = steps(controlPlane + grant('nodes/proxy', 'get', 'cp-1'));
    expect(r.mut).toBe(0);
    expect(r.techniques).toEqual(expect.arrayContaining(['nodes-proxy', 'control-plane-pods']));
  });

  it('exec into the API server runs nothing of use: its image has only its binary', () => {
    const r = steps(controlPlane + grant('pods/exec', 'create', 'kube-apiserver-cp-1'));
    expect(r.techniques).not.toContain('control-plane-pods');
  });

  it('attach to etcd reads nothing: etcd takes no commands on its stdin', () => {
    const r = steps(controlPlane + grant('pods/attach', 'create', 'etcd-cp-1'));
    expect(r.techniques).not.toContain('control-plane-pods');
  });

  it('offer no mess-up that re-enables a token or a privilege in their manifests', () => {
    const r = analyze([{ path: 'cp.yaml', text: controlPlane }], { goals: ['cluster-admin'] });
    const messUps = r.goals.flatMap((g) =>
      [g.witness, ...g.alternatives].flatMap((s) => s?.messUps ?? []),
    );
    expect(messUps.filter((m) => /kube-system\/(etcd|kube-apiserver)/.test(m.title))).toEqual([]);
  });
});
