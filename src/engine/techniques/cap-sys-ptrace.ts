import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'cap-sys-ptrace',
  title: 'Inject into host processes with ptrace',
  description:
    "With the host's process namespace (`hostPID`) and `CAP_SYS_PTRACE`, a container attaches a debugger to a process running as root on the host and injects code into it.",
  references: [
    'kubehound:CE_SYS_PTRACE',
    'attack:T1055.008',
    'attack:T1611',
    'pss:baseline/hostNamespaces',
    'pss:baseline/capabilities_baseline',
  ],
  remediation: 'Do not share the host PID namespace and never add SYS_PTRACE.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const at = container.capabilities.get('SYS_PTRACE');
      if (!at) continue;
      const cap = ctx.condition(
        cond.capability('SYS_PTRACE', pod, container),
        at !== undefined,
        at,
      );
      const pid = ctx.condition(cond.hostPID(pod), pod.hostPID.value, pod.hostPID.at);
      ctx.rule([fact.exec(pod, container), cap, pid], fact.root(pod.node), [at, pod.hostPID.at]);
    }
  },
};
