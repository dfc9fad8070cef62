import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'reach-kubelet',
  title: "Reach a node's kubelet",
  description:
    "Kubelets listen on every node's address. From a pod whose egress is not restricted, or from inside the corporate network, the attacker can connect to them; a pod on the host network reaches its own node's kubelet on localhost, past any NetworkPolicy.",
  references: ['ms:MS-TA9030', 'ms:MS-TA9034'],
  remediation:
    'Restrict pod egress with NetworkPolicies and keep node ports off untrusted networks.',
  rules(ctx) {
    for (const node of ctx.model.nodes) ctx.rule([fact.at('corp')], fact.kubeletReach(node));
    for (const { pod, container } of ctx.containers()) {
      const egress = cond.egressOpen(pod);
      for (const node of ctx.model.nodes)
        ctx.rule([fact.exec(pod, container), egress], fact.kubeletReach(node));
      const hostNet = ctx.condition(
        cond.hostNetwork(pod),
        pod.hostNetwork.value,
        pod.hostNetwork.at,
      );
      ctx.rule([fact.exec(pod, container), hostNet], fact.kubeletReach(pod.node), [
        pod.hostNetwork.at,
      ]);
    }
  },
};
