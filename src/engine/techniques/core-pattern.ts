import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';
import { kernelControlPaths, mountsOf } from './hostPaths';

export const technique: Technique = {
  id: 'core-pattern',
  title: 'Run code on the host through core_pattern',
  description:
    'The kernel runs the program named in `/proc/sys/kernel/core_pattern` as root on the host whenever a process crashes. A writable mount of that file, or of `/proc/sys`, lets the container name its own program and crash something.',
  references: ['kubehound:CE_UMH_CORE_PATTERN', 'attack:T1611', 'pss:baseline/hostPathVolumes'],
  remediation: 'Never mount /proc or /sys from the host.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const m = mountsOf(container.hostPathMounts, kernelControlPaths, true);
      // No mess-up adds a hostPath mount: without one the rule could never fire.
      if (!m) continue;
      const c = ctx.condition(cond.hostPath('kernel', pod, container), m !== undefined, m?.at);
      ctx.rule([fact.exec(pod, container), c], fact.root(pod.node), [m?.at]);
    }
  },
};
