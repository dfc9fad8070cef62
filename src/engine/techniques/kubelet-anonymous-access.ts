import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';
import { execUseful } from '../model/staticPods';

export const technique: Technique = {
  id: 'kubelet-anonymous-access',
  title: "Run commands through the kubelet's API",
  description:
    'Every node runs a kubelet with its own HTTPS API (port 10250) that can list pods and run commands in their containers. With anonymous authentication on and authorisation set to AlwaysAllow, anyone who reaches the port can exec into every pod of the node.',
  references: ['ms:MS-TA9030', 'attack:T1609', 'cis:4.2.1', 'cis:4.2.2'],
  remediation:
    'In KubeletConfiguration set `authentication.anonymous.enabled: false` and `authorization.mode: Webhook`.',
  rules(ctx) {
    const k = ctx.model.kubelet;
    for (const node of ctx.model.nodes) {
      const anon = ctx.condition(
        cond.kubeletAnonymous(node),
        k.anonymousAuth.value,
        k.anonymousAuth.at,
      );
      const open = ctx.condition(
        cond.kubeletAlwaysAllow(node),
        k.alwaysAllow.value,
        k.alwaysAllow.at,
      );
      ctx.rule([fact.kubeletReach(node), anon, open], fact.kubeletApi(node), [
        k.anonymousAuth.at,
        k.alwaysAllow.at,
      ]);
      for (const pod of ctx.podsOn(node))
        if (execUseful(pod))
          for (const c of pod.containers) ctx.rule([fact.kubeletApi(node)], fact.exec(pod, c));
    }
  },
};
