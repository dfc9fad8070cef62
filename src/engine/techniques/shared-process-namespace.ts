import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'shared-process-namespace',
  title: 'Reach sibling containers through a shared process namespace',
  description:
    "With `shareProcessNamespace: true` the containers of a pod see each other's processes and their files under `/proc/<pid>/root`. Compromise one container and the others (a privileged sidecar, say) are next.",
  references: ['kubehound:SHARE_PS_NAMESPACE', 'attack:T1055'],
  remediation: 'Share the process namespace only for debugging.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      if (!pod.shareProcessNamespace.value) continue;
      const shared = ctx.condition(
        cond.shareProcessNamespace(pod),
        pod.shareProcessNamespace.value,
        pod.shareProcessNamespace.at,
      );
      for (const other of pod.containers)
        if (other !== container)
          ctx.rule([fact.exec(pod, container), shared], fact.exec(pod, other), [
            pod.shareProcessNamespace.at,
          ]);
    }
  },
};
