// The Node authorizer decides what a node's credentials may read and mint: the secrets and
// service-account tokens of the pods bound to that node, and only while Node is in the
// authorizer chain (plugin/pkg/auth/authorizer/node/node_authorizer.go).

import { describe, expect, it } from 'vitest';
import { exportGraph } from '../../src/engine/graphExport.ts';

function cluster(modes: string): { path: string; text: string }[] {
  return [
    {
      path: 'cluster.yaml',
      text: `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.31.0
      command:
        - kube-apiserver
        - --authorization-mode=${modes}
        - --allow-privileged=true
---
apiVersion: v1
kind: Node
metadata:
  name: worker-1
---
apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: shop
spec:
  nodeName: worker-1
  serviceAccountName: app
  containers:
    - name: main
      image: app
`,
    },
  ];
}

/** Rules of kubelet-credentials from the node's identity to a service account. */
const tokensMinted = (modes: string) =>
  exportGraph(cluster(modes)).edges.filter(
    (e) =>
      e.technique === 'kubelet-credentials' &&
      e.body.includes('as:user:system:node:worker-1') &&
      e.to === 'as:sa:shop:app',
  );

describe('the Node authorizer', () => {
  it("lets a node's credentials obtain the tokens of the pods bound to it", () => {
    expect(tokensMinted('Node,RBAC')).toHaveLength(1);
  });

  it('gives a node nothing when Node is not in the authorizer chain', () => {
    expect(tokensMinted('RBAC')).toEqual([]);
  });
});
