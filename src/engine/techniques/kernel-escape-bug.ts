import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'kernel-escape-bug',
  title: 'Escape through a kernel or runtime bug',
  description:
    "Containers share the node's kernel. A bug in the kernel or the container runtime (Dirty Pipe, runc's CVE-2019-5736 and CVE-2024-21626) turns code execution in any container into root on the node.",
  references: ['attack:T1611', 'attack:T1068'],
  remediation:
    'Patch nodes promptly, run untrusted code in sandboxes (gVisor, Kata), and keep seccomp and AppArmor on.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers())
      ctx.rule([fact.exec(pod, container), cond.kernelEscape(pod.node)], fact.root(pod.node));
  },
};
