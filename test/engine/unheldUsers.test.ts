// The grants of the input's bindings to users no credential of the threat model names are
// grounded only when some attack could become one of those users, as the control plane's
// accounts' are (unheldAccounts.test.ts): leaving them out must leave the graph exactly as
// grounding them gives it, and a user the attacker can become after all (here through a
// bootstrap token Secret anyone may read) has its grants grounded.

import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/synthetic.ts';
import type { AttackGraph } from '../../src/engine/graph/graph.ts';
import { analyze } from '../../src/engine/index.ts';
import { groundedBothWays as bothWays, plainGraph } from './plainGraph.ts';

/** The heads of the rules that need `identity`. */
function granted(graph: AttackGraph, identity: string): string[] {
  const id = graph.idOf(identity);
  const heads: string[] = [];
  if (id === undefined) return heads;
  for (let r = 0; r < graph.rules.count; r++)
    if (graph.rules.bodyOf(r).includes(id)) heads.push(graph.facts[graph.rules.head[r]!]!);
  return heads;
}

/** A user who may mint a token of a service account bound to cluster-admin. */
const minter = (user: string) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: deployer
  namespace: ops
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: deployer-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: deployer
    namespace: ops
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: mint-deployer-token
  namespace: ops
rules:
  - apiGroups: [""]
    resources: [serviceaccounts/token]
    resourceNames: [deployer]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: mints
  namespace: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: mint-deployer-token
subjects:
  - kind: User
    name: ${user}
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  attacker:
    start: internet
  goals: [cluster-admin]
  # The credentials listed, so no other user holds one.
  credentials:
    - id: bob-kubeconfig
      user: bob
`;

/** A bootstrap token anyone may read: it authenticates as system:bootstrap:07401b. */
const readableToken = `apiVersion: v1
kind: Secret
metadata:
  name: bootstrap-token-07401b
  namespace: kube-system
type: bootstrap.kubernetes.io/token
stringData:
  token-id: 07401b
  token-secret: f395accd246ae52d
  usage-bootstrap-authentication: 'true'
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: read-join-token
  namespace: kube-system
rules:
  - apiGroups: ['']
    resources: [secrets]
    resourceNames: [bootstrap-token-07401b]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: anyone-reads-join-token
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: read-join-token
subjects:
  - kind: Group
    name: system:unauthenticated
`;

describe('the grants of users without a credential', () => {
  it('leave the graph as grounding them all gives it, on synthetic clusters', () => {
    for (const [size, seed] of [
      [10, 42],
      [100, 42],
      [1000, 42],
    ] as const) {
      const { leftOut, full } = bothWays(generateCluster(size, seed));
      expect(plainGraph(leftOut), `${size} objects, seed ${seed}`).toEqual(plainGraph(full));
    }
  });

  it('are left out of the graph when nobody may become the user', () => {
    const files = [{ path: 'c.yaml', text: minter('alice') + '---\n' + readableToken }];
    const { leftOut, full } = bothWays(files);
    // Named all the same (fact numbers stay), but no rule of the graph starts from it.
    expect(leftOut.idOf('as:user:alice')).toBeDefined();
    expect(granted(leftOut, 'as:user:alice')).toEqual([]);
    expect(plainGraph(leftOut)).toEqual(plainGraph(full));
    expect(analyze(files).goals[0]!.mut).not.toBe(0);
  });

  it('are grounded, and taken, when the attacker may become the user', () => {
    const user = 'system:bootstrap:07401b';
    const files = [{ path: 'c.yaml', text: minter(user) + '---\n' + readableToken }];
    const { leftOut, full } = bothWays(files);
    expect(granted(leftOut, `as:user:${user}`)).toContain(
      'can:ops:create::serviceaccounts/token:deployer',
    );
    expect(plainGraph(leftOut)).toEqual(plainGraph(full));
    const [goal] = analyze(files).goals;
    expect(goal!.mut).toBe(0);
    expect(goal!.witness!.steps.map((s) => s.technique)).toContain('create-service-account-token');
  });
});
