import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'cap-sys-module',
  title: 'Load a kernel module',
  description:
    "With `CAP_SYS_MODULE` (or privileged) a container loads a kernel module of its choosing into the host's kernel: arbitrary code in the kernel of the node.",
  references: [
    'kubehound:CE_MODULE_LOAD',
    'attack:T1547.006',
    'attack:T1611',
    'pss:baseline/capabilities_baseline',
  ],
  remediation:
    'Drop all capabilities and add back only those the application needs; SYS_MODULE is never one of them.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const at = container.capabilities.get('SYS_MODULE');
      if (at) {
        const cap = ctx.condition(cond.capability('SYS_MODULE', pod, container), true, at);
        ctx.rule([fact.exec(pod, container), cap], fact.root(pod.node), [at]);
      }
      // A privileged container holds SYS_MODULE too, but that escape is privileged-container's
      // (and nsenter-host-pid's with hostPID): a rule here would fire first and hide both.
    }
  },
};
