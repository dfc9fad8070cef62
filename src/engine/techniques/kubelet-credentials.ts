import { fact } from '../graph/facts';
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
    for (const node of ctx.model.nodes) {
      ctx.rule([fact.root(node)], fact.nodeIdentity(node));
      for (const pod of ctx.podsOn(node)) {
        ctx.rule(
          [fact.apiReach, fact.nodeIdentity(node)],
          fact.serviceAccount(pod.namespace, pod.serviceAccount),
        );
        for (const c of pod.containers)
          for (const name of c.secrets.keys())
            ctx.rule(
              [fact.apiReach, fact.nodeIdentity(node)],
              fact.secret(`${pod.namespace}/${name}`),
            );
      }
    }
  },
};
