import { fact, type Fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'kubelet-credentials',
  title: "Act as the node with the kubelet's credentials",
  description:
    "Root on a node reads the kubelet's client certificate. As `system:node:<name>` the API server's Node authoriser lets it read the secrets and service-account tokens of the pods bound to that node.",
  references: ['kubehound:IDENTITY_ASSUME', 'attack:T1078', 'attack:T1552.004'],
  remediation:
    'Keep the NodeRestriction admission plugin and the Node authoriser on (`--authorization-mode=Node,RBAC`).',
  rules(ctx) {
    // What a node's credentials may read and mint is the Node authorizer's to say
    // (plugin/pkg/auth/authorizer/node/node_authorizer.go): only for pods bound to that node,
    // and only when Node is in the authorizer chain. Without it, `system:node:<name>` has
    // what RBAC gives it, which the bootstrap policy leaves empty.
    const nodeAuthorizer = ctx.model.apiServer.nodeEnabled.value;
    for (const node of ctx.model.nodes) {
      ctx.rule([fact.root(node)], fact.nodeIdentity(node));
      // The kubelet talks to the API server from the node's own network, where no
      // NetworkPolicy applies (policies select pods): root on the node reaches it too.
      ctx.rule([fact.root(node)], fact.apiReach);
      if (!nodeAuthorizer) continue;
      // Pods of one node often share a service account or a Secret: one rule for each.
      const gained = new Set<Fact>();
      const gain = (f: Fact) => {
        if (gained.has(f)) return;
        gained.add(f);
        ctx.rule([fact.apiReach, fact.nodeIdentity(node)], f);
      };
      for (const pod of ctx.podsOn(node)) {
        gain(fact.serviceAccount(pod.namespace, pod.serviceAccount));
        for (const c of pod.containers)
          for (const name of c.secrets.keys()) gain(fact.secret(`${pod.namespace}/${name}`));
      }
    }
  },
};
