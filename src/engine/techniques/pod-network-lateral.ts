import { cond, fact, type Fact } from '../graph/facts';
import {
  metadataAddress,
  namespaceLabels,
  peerMatchesAddress,
  peerMatchesPod,
  selects,
} from '../model/network';
import { matchesSelector } from '../model/selectors';
import type { SourceRef } from '../manifests/locate';
import type { NetworkPeer, NetworkPolicy, Pod } from '../model/types';
import type { Technique, TechniqueContext } from './technique';

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
    const egressOf = new Map<Pod, NetworkPolicy[]>();
    const policiesByNamespace = new Map<string, NetworkPolicy[]>();
    for (const p of policies) {
      const list = policiesByNamespace.get(p.namespace);
      if (list) list.push(p);
      else policiesByNamespace.set(p.namespace, [p]);
    }
    // Removing one policy is one mess-up: its condition is declared once, however many pods
    // and directions it closes.
    const removed = new Map<NetworkPolicy, Fact>();
    const removal = (p: NetworkPolicy) => {
      let key = removed.get(p);
      if (key === undefined)
        removed.set(p, (key = ctx.condition(cond.networkPolicyRemoved(p.id), false)));
      return key;
    };
    // A pod is open in a direction while no policy selects it for that direction: all of
    // them must be removed (one mess-up each) before it is open again.
    // The line a closed direction points at: its first policy's spec, one record per policy.
    const specOf = new Map<NetworkPolicy, SourceRef>();
    const specRef = (p: NetworkPolicy) => {
      let at = specOf.get(p);
      if (at === undefined) specOf.set(p, (at = { object: p.object, path: ['spec'] }));
      return at;
    };
    const opening = (key: Fact, closedBy: readonly NetworkPolicy[]) => {
      const first = closedBy[0];
      if (!first) {
        ctx.condition(key, true);
        return;
      }
      ctx.condition(key, false, specRef(first));
      ctx.rule(closedBy.map(removal), key);
    };
    for (const pod of model.pods) {
      const ins: NetworkPolicy[] = [];
      const outs: NetworkPolicy[] = [];
      for (const p of policiesByNamespace.get(pod.namespace) ?? []) {
        if (!selects(p, pod)) continue;
        if (p.ingress) ins.push(p);
        if (p.egress) outs.push(p);
      }
      egressOf.set(pod, outs);
      opening(cond.ingressOpen(pod), ins);
      opening(cond.egressOpen(pod), outs);
      // The API server's address is outside the pod network: an egress rule to any address
      // (no peers) or to an ipBlock lets a pod reach it; pod and namespace selectors do not.
      let apiAllowed = false;
      let metadataAllowed = false;
      for (const p of outs)
        for (const rule of p.egress ?? [])
          for (const peer of rule) {
            if (peer.any || peer.ipBlock !== undefined) apiAllowed = true;
            if (peerMatchesAddress(peer, metadataAddress)) metadataAllowed = true;
          }
      if (pod.hostNetwork.value || apiAllowed)
        ctx.condition(cond.apiEgressOpen(pod), true, pod.hostNetwork.at);
      else opening(cond.apiEgressOpen(pod), outs);
      if (pod.hostNetwork.value || metadataAllowed)
        ctx.condition(cond.metadataOpen(pod), true, pod.hostNetwork.at);
      else opening(cond.metadataOpen(pod), outs);
    }
    for (const { pod, container } of ctx.containers())
      ctx.rule([fact.exec(pod, container), cond.egressOpen(pod)], fact.clusterNetwork);
    for (const pod of model.pods)
      ctx.rule([fact.clusterNetwork, cond.ingressOpen(pod)], fact.podReach(pod));

    // Flows a policy allows: sources matching a rule's peers reach the policy's pods.
    const candidates = sourceCandidates(ctx);
    for (const policy of policies) {
      if (!policy.ingress) continue;
      const targets = ctx.podsIn(policy.namespace).filter((p) => selects(policy, p));
      if (targets.length === 0) continue;
      policy.ingress.forEach((peers, i) => {
        const via = fact.allowedBy(policy.id, i);
        const at = [{ object: policy.object, path: ['spec', 'ingress', i] }];
        if (peers.some((peer) => peer.any)) ctx.rule([fact.clusterNetwork], via, at);
        for (const source of candidates(policy, peers)) {
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
  },
};

/**
 * The pods that may match an ingress rule's peers, in model order (so rules, and the witness,
 * come out as a walk over every pod would give them): those of the namespaces the peers can
 * admit. A namespace selector is matched against the namespaces once per distinct selector: a
 * thousand namespaces may each allow the same monitoring namespace, and walking every pod for
 * each of their rules made grounding grow with policies × pods.
 */
function sourceCandidates(
  ctx: TechniqueContext,
): (policy: NetworkPolicy, peers: readonly NetworkPeer[]) => readonly Pod[] {
  const { model } = ctx;
  const namespaces = ctx.namespaces();
  const admittedBy = new Map<string, readonly string[]>();
  const admitted = (selector: unknown): readonly string[] => {
    const key = selectorKey(selector);
    let found = key === undefined ? undefined : admittedBy.get(key);
    if (found === undefined) {
      found = namespaces.filter((ns) =>
        matchesSelector(selector, namespaceLabels(model.namespaces, ns)),
      );
      if (key !== undefined) admittedBy.set(key, found);
    }
    return found;
  };
  let order: Map<Pod, number> | undefined;
  return (policy, peers) => {
    const from = new Set<string>();
    for (const peer of peers) {
      if (peer.any || peer.ipBlock !== undefined) continue;
      if (peer.namespaceSelector === undefined) from.add(policy.namespace);
      else for (const ns of admitted(peer.namespaceSelector)) from.add(ns);
    }
    if (from.size === 0) return [];
    if (from.size === 1) return ctx.podsIn([...from][0]!);
    if (from.size === namespaces.length) return model.pods;
    order ??= new Map(model.pods.map((p, i) => [p, i]));
    const pods = [...from].flatMap((ns) => ctx.podsIn(ns));
    return pods.sort((a, b) => order!.get(a)! - order!.get(b)!);
  };
}

/** A selector as text, to find equal ones; undefined when it cannot be written (a cycle). */
function selectorKey(selector: unknown): string | undefined {
  try {
    return JSON.stringify(selector);
  } catch {
    return undefined;
  }
}
