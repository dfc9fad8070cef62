import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'privileged-container',
  title: 'Escape a privileged container',
  description:
    "A privileged container sees every device of the host. Mounting the node's disk and writing to it (a cron job, an SSH key, a systemd unit) gives root on the node.",
  references: [
    'kubehound:CE_PRIV_MOUNT',
    // A privileged container holds CAP_SYS_MODULE too: KubeHound's CE_MODULE_LOAD from a
    // privileged container is this escape (cap-sys-module covers the capability alone).
    'kubehound:CE_MODULE_LOAD',
    'ms:MS-TA9018',
    'attack:T1611',
    'pss:baseline/privileged',
    'cis:5.2.2',
  ],
  remediation: 'Never run workloads privileged; enforce the baseline Pod Security Standard.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      // Only the first container of a workload can be made privileged by a mess-up.
      if (!container.privileged.value && container !== pod.containers[0]) continue;
      const p = ctx.condition(
        cond.privileged(pod, container),
        container.privileged.value,
        container.privileged.at,
      );
      ctx.rule([fact.exec(pod, container), p], fact.root(pod.node), [container.privileged.at]);
    }
  },
};
