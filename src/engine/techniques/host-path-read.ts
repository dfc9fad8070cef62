import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';
import { mountsOf, readToRootPaths } from './hostPaths';

export const technique: Technique = {
  id: 'host-path-read',
  title: 'Read node credentials through a hostPath mount',
  description:
    'Even read-only, a hostPath mount of `/root/.ssh`, `/etc` or the Kubernetes PKI hands over private keys and password hashes: the way back in as root on the node.',
  references: [
    'kubehound:EXPLOIT_HOST_READ',
    'attack:T1552.004',
    'pss:baseline/hostPathVolumes',
    'cis:5.2.12',
  ],
  remediation: 'Avoid hostPath volumes; never mount directories that hold keys.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const m = mountsOf(container.hostPathMounts, readToRootPaths, false);
      // No mess-up adds a hostPath mount: without one the rule could never fire.
      if (!m) continue;
      const c = ctx.condition(cond.hostPath('read', pod, container), m !== undefined, m?.at);
      ctx.rule([fact.exec(pod, container), c], fact.root(pod.node), [m?.at]);
    }
  },
};
