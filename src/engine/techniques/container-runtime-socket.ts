import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';
import { mountsOf, runtimeSocketPaths } from './hostPaths';

export const technique: Technique = {
  id: 'container-runtime-socket',
  title: 'Drive the container runtime through its socket',
  description:
    "A mounted Docker, containerd or CRI-O socket is an API to the node's container runtime. Through it the attacker starts a new privileged container with the host's root filesystem: root on the node.",
  references: [
    'kubehound:EXPLOIT_CONTAINERD_SOCK',
    'attack:T1611',
    'attack:T1610',
    'pss:baseline/hostPathVolumes',
    'cis:5.2.12',
  ],
  remediation:
    'Never mount the runtime socket into workloads; enforce the baseline Pod Security Standard, which forbids hostPath volumes.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const m = mountsOf(container.hostPathMounts, runtimeSocketPaths, false);
      // No mess-up adds a hostPath mount: without one the rule could never fire.
      if (!m) continue;
      const c = ctx.condition(
        cond.hostPath('runtime-socket', pod, container),
        m !== undefined,
        m?.at,
      );
      ctx.rule([fact.exec(pod, container), c], fact.root(pod.node), [m?.at]);
    }
  },
};
