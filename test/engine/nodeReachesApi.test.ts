// Root on a node reaches the API server from the node's own network, as its kubelet does:
// NetworkPolicies select pods, so a namespace's deny-all egress does not keep it in.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

const cluster = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - kube-apiserver
        - --anonymous-auth=false
        - --authorization-mode=Node,RBAC
        - --allow-privileged=true
        - --bind-address=10.0.0.10
---
apiVersion: v1
kind: Namespace
metadata:
  name: a
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: a
---
apiVersion: v1
kind: Pod
metadata:
  name: w0
  namespace: a
spec:
  containers:
    - name: main
      image: w0
      ports:
        - containerPort: 8080
      securityContext:
        capabilities:
          add: [SYS_MODULE]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: a
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  attacker:
    start: internet
  goals:
    - secret:a/creds
  vulnerableWorkloads:
    - a/w0
`;

describe('root on a node', () => {
  it('calls the API server past the pods’ deny-all egress, as the kubelet does', () => {
    const goal = analyze([{ path: 'cluster.yaml', text: cluster }], { findings: false }).goals[0]!;
    // Exposed and exploited, the pod loads a kernel module: root on the node, whose network
    // reaches the API server. Then one binding to a group the pod's token is in is enough.
    expect(goal.mut).toBe(2);
    expect(goal.witness!.messUps.map((m) => m.id)).toContain('workload-exposed:a/w0');
    expect(goal.witness!.steps.map((s) => `${s.technique}: ${s.fromFact} → ${s.toFact}`)).toContain(
      'kubelet-credentials: root:worker → reach:api',
    );
  });
});
