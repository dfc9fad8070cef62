import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'node-service-account-tokens',
  title: 'Collect the service-account tokens on an owned node',
  description:
    'The node keeps the mounted service-account token of every pod it runs. Root on the node reads them all and acts as each of those service accounts.',
  references: ['kubehound:TOKEN_STEAL', 'kubehound:VOLUME_ACCESS', 'attack:T1528'],
  remediation:
    'Give pods no token unless they call the API server; keep powerful service accounts off shared nodes.',
  rules(ctx) {
    for (const node of ctx.model.nodes) {
      ctx.rule([fact.root(node)], fact.nodeTokens(node));
      for (const pod of ctx.podsOn(node)) {
        const mounted = ctx.condition(
          cond.automount(pod),
          pod.automountToken.value,
          pod.automountToken.at,
        );
        ctx.rule(
          [fact.nodeTokens(node), mounted],
          fact.serviceAccount(pod.namespace, pod.serviceAccount),
          [pod.automountToken.at],
        );
      }
    }
  },
};
