import { cond, fact } from '../graph/facts';
import { peerMatchesAddress, peerMatchesPod, selects, metadataAddress } from '../model/network';
import type { NetworkPolicy, Pod } from '../model/types';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'pod-network-lateral',
  title: 'Move to another pod over the cluster network',
  description:
    'By default every pod can open a connection to every other pod. NetworkPolicies are allow-lists: a pod that no policy selects accepts traffic from anywhere. From one compromised container the attacker reaches the ports of every open pod, and one more bug there moves them on.',
  references: ['ms:MS-TA9034', 'attack:T1210', 'cis:5.3.2'],
  remediation:
    'Give every namespace a default-deny NetworkPolicy for ingress and egress, then allow only the flows the application needs.',
  rules(ctx) {
    const { model } = ctx;
    const policies = model.networkPolicies;
    const ingressOf = new Map<Pod, typeof policies>();
    const egressOf = new Map<Pod, typeof policies>();
    const policiesByNamespace = new Map<string, NetworkPolicy[]>();
    const policyById = new Map<string, NetworkPolicy>();
    for (const p of policies) {
      const list = policiesByNamespace.get(p.namespace);
      if (list) list.push(p);
      else policiesByNamespace.set(p.namespace, [p]);
      policyById.set(p.id, p);
    }
    for (const pod of model.pods) {
      const selecting = (policiesByNamespace.get(pod.namespace) ?? []).filter((p) =>
        selects(p, pod),
      );
      ingressOf.set(
        pod,
        selecting.filter((p) => p.ingress),
      );
      egressOf.set(
        pod,
        selecting.filter((p) => p.egress),
      );
    }
    // A pod is open in a direction while no policy selects it for that direction: all of
    // them must be removed (one mess-up each) before it is open again.
    for (const pod of model.pods) {
      const ins = ingressOf.get(pod) ?? [];
      const outs = egressOf.get(pod) ?? [];
      opening(
        cond.ingressOpen(pod),
        ins.map((p) => p.id),
      );
      opening(
        cond.egressOpen(pod),
        outs.map((p) => p.id),
      );
      const metadataAllowed = outs.some((p) =>
        (p.egress ?? []).some((rule) =>
          rule.some((peer) => peerMatchesAddress(peer, metadataAddress)),
        ),
      );
      // The API server's address is outside the pod network: an egress rule to any address
      // (no peers) or to an ipBlock lets a pod reach it; pod and namespace selectors do not.
      const apiAllowed = outs.some((p) =>
        (p.egress ?? []).some((rule) =>
          rule.some((peer) => peer.any || peer.ipBlock !== undefined),
        ),
      );
      if (pod.hostNetwork.value || apiAllowed)
        ctx.condition(cond.apiEgressOpen(pod), true, pod.hostNetwork.at);
      else
        opening(
          cond.apiEgressOpen(pod),
          outs.map((p) => p.id),
        );
      if (pod.hostNetwork.value || metadataAllowed)
        ctx.condition(cond.metadataOpen(pod), true, pod.hostNetwork.at);
      else
        opening(
          cond.metadataOpen(pod),
          outs.map((p) => p.id),
        );
    }
    for (const { pod, container } of ctx.containers())
      ctx.rule([fact.exec(pod, container), cond.egressOpen(pod)], fact.clusterNetwork);
    for (const pod of model.pods)
      ctx.rule([fact.clusterNetwork, cond.ingressOpen(pod)], fact.podReach(pod));

    // Flows a policy allows: sources matching a rule's peers reach the policy's pods.
    for (const policy of policies) {
      if (!policy.ingress) continue;
      const targets = ctx.podsIn(policy.namespace).filter((p) => selects(policy, p));
      if (targets.length === 0) continue;
      policy.ingress.forEach((peers, i) => {
        const via = `via:${policy.id}#${i}`;
        const at = [{ object: policy.object, path: ['spec', 'ingress', i] }];
        if (peers.some((peer) => peer.any)) ctx.rule([fact.clusterNetwork], via, at);
        const acrossNamespaces = peers.some((peer) => peer.namespaceSelector !== undefined);
        const sources = acrossNamespaces ? model.pods : ctx.podsIn(policy.namespace);
        for (const source of sources) {
          if (
            !peers.some(
              (peer) => !peer.any && peerMatchesPod(peer, policy, source, model.namespaces),
            )
          )
            continue;
          const outs = egressOf.get(source) ?? [];
          const egressAllows =
            outs.length === 0 ||
            outs.some((p) =>
              (p.egress ?? []).some((rule) =>
                targets.some((t) =>
                  rule.some((peer) => peerMatchesPod(peer, p, t, model.namespaces)),
                ),
              ),
            );
          if (!egressAllows) continue;
          for (const c of source.containers) ctx.rule([fact.exec(source, c)], via, at);
        }
        for (const t of targets) ctx.rule([via], fact.podReach(t));
      });
    }

    function opening(key: string, policyIds: string[]) {
      if (policyIds.length === 0) {
        ctx.condition(key, true);
        return;
      }
      const first = policyById.get(policyIds[0]!);
      ctx.condition(key, false, first && { object: first.object, path: ['spec'] });
      ctx.rule(
        policyIds.map((id) => ctx.condition(cond.networkPolicyRemoved(id), false)),
        key,
      );
    }
  },
};
