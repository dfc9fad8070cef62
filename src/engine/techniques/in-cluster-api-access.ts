import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'in-cluster-api-access',
  title: 'Call the API server from inside a pod',
  description:
    "Every pod can reach the API server at kubernetes.default.svc: that is how controllers and operators work. A private endpoint keeps the Internet out, but not an attacker who already runs code in a pod, unless an egress NetworkPolicy keeps that pod from the API server's address.",
  references: ['ms:MS-TA9029', 'attack:T1613'],
  remediation:
    'Keep what pods can do once they reach the API server (their service accounts) minimal, and give pods that never call it an egress policy without a route to it.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers())
      ctx.rule([fact.exec(pod, container), cond.apiEgressOpen(pod)], fact.apiReach);
  },
};
