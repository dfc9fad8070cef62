import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';
import { logPaths, mountsOf } from './hostPaths';

export const technique: Technique = {
  id: 'var-log-symlink',
  title: 'Read host files through /var/log symlinks',
  description:
    "The kubelet serves files from the node's `/var/log` when asked for logs. A container that can write there plants a symlink to `/etc/shadow` or an SSH key and reads it back through the log API, as root.",
  references: ['kubehound:CE_VAR_LOG_SYMLINK', 'attack:T1611', 'pss:baseline/hostPathVolumes'],
  remediation: 'Never mount /var/log writable; log collectors need it read-only.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const m = mountsOf(container.hostPathMounts, logPaths, true);
      // No mess-up adds a hostPath mount: without one the rule could never fire.
      if (!m) continue;
      const c = ctx.condition(cond.hostPath('var-log', pod, container), m !== undefined, m?.at);
      ctx.rule([fact.exec(pod, container), c], fact.root(pod.node), [m?.at]);
    }
  },
};
