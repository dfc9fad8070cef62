import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';
import { mountsOf, writeToRootPaths } from './hostPaths';

export const technique: Technique = {
  id: 'host-path-write',
  title: "Write to the node's filesystem through a hostPath mount",
  description:
    "A writable hostPath mount of `/`, `/etc`, `/root`, the kubelet's directories or its static pod folder `/etc/kubernetes/manifests` lets the container change the node: add an SSH key, a cron job or a static pod (which the kubelet runs privileged, with the host mounted). That is root on the node.",
  references: [
    'kubehound:EXPLOIT_HOST_WRITE',
    'kubehound:VOLUME_DISCOVER',
    'attack:T1611',
    'pss:baseline/hostPathVolumes',
    'cis:5.2.12',
  ],
  remediation: 'Avoid hostPath volumes; where one is needed, mount a narrow path read-only.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const m = mountsOf(container.hostPathMounts, writeToRootPaths, true);
      // No mess-up adds a hostPath mount: without one the rule could never fire.
      if (!m) continue;
      const c = ctx.condition(cond.hostPath('write', pod, container), m !== undefined, m?.at);
      ctx.rule([fact.exec(pod, container), c], fact.root(pod.node), [m?.at]);
    }
  },
};
