import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';
import { mountsOf, podVolumePaths } from './hostPaths';

export const technique: Technique = {
  id: 'host-path-traverse',
  title: "Read other pods' tokens through a hostPath mount",
  description:
    "The kubelet keeps every pod's projected service-account token under `/var/lib/kubelet/pods`. A hostPath mount of that directory, or of any parent, lets the container read the tokens of every pod on the node.",
  references: [
    'kubehound:EXPLOIT_HOST_TRAVERSE',
    'kubehound:TOKEN_STEAL',
    'kubehound:VOLUME_ACCESS',
    'attack:T1528',
    'pss:baseline/hostPathVolumes',
  ],
  remediation: "Avoid hostPath volumes; never mount the kubelet's directories.",
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const m = mountsOf(container.hostPathMounts, podVolumePaths, false);
      // No mess-up adds a hostPath mount: without one the rule could never fire.
      if (!m) continue;
      const c = ctx.condition(cond.hostPath('pod-volumes', pod, container), true, m.at);
      ctx.rule([fact.exec(pod, container), c], fact.nodeTokens(pod.node), [m.at]);
    }
  },
};
