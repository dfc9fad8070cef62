import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'nsenter-host-pid',
  title: "Enter the host's namespaces with nsenter",
  description:
    "With the host's process namespace (`hostPID`) and privileges, `nsenter -t 1 -a` runs a shell in the namespaces of the host's init process: a root shell on the node.",
  references: [
    'kubehound:CE_NSENTER',
    'ms:MS-TA9018',
    'attack:T1611',
    'pss:baseline/hostNamespaces',
    'pss:baseline/privileged',
  ],
  remediation:
    'Do not combine hostPID with privileged; enforce the baseline Pod Security Standard.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      if (!pod.hostPID.value) continue;
      const pid = ctx.condition(cond.hostPID(pod), pod.hostPID.value, pod.hostPID.at);
      const p = ctx.condition(
        cond.privileged(pod, container),
        container.privileged.value,
        container.privileged.at,
      );
      ctx.rule([fact.exec(pod, container), pid, p], fact.root(pod.node), [
        pod.hostPID.at,
        container.privileged.at,
      ]);
    }
  },
};
