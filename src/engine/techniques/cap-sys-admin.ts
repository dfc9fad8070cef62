import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'cap-sys-admin',
  title: 'Escape with CAP_SYS_ADMIN',
  description:
    '`CAP_SYS_ADMIN` is nearly root: it allows mounting filesystems and writing a cgroup `release_agent`, which the host kernel then runs as root on the node.',
  references: ['attack:T1611', 'pss:baseline/capabilities_baseline'],
  remediation: 'Never add SYS_ADMIN; drop ALL capabilities.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const at = container.capabilities.get('SYS_ADMIN');
      if (!at) continue;
      const cap = ctx.condition(cond.capability('SYS_ADMIN', pod, container), at !== undefined, at);
      ctx.rule([fact.exec(pod, container), cap], fact.root(pod.node), [at]);
    }
  },
};
