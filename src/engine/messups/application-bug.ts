import { cond } from '../graph/facts';
import type { Pod } from '../model/types';
import type { MessUpTemplate } from './template';
import { isControlPlaneMirror } from '../model/staticPods';

export const template: MessUpTemplate<Pod> = {
  id: 'application-bug',
  category: 'bug',
  title: 'A workload has a remote-code-execution bug',
  description:
    'The code a workload runs, or one of its dependencies, has a bug that lets whoever reaches its port run commands (Log4Shell, a deserialisation flaw, an unauthenticated admin endpoint).',
  references: ['attack:T1190'],
  describe: (pod) => `An exploitable bug in ${pod.kind} ${pod.namespace}/${pod.name}`,
  generate(ctx) {
    for (const pod of ctx.model.pods) {
      // A bug in Kubernetes' own components is not a workload's mess-up (docs/engine.md).
      if (isControlPlaneMirror(pod)) continue;
      const bug = cond.bug(pod);
      if (ctx.isDefended(bug))
        ctx.candidate({
          target: `${pod.namespace}/${pod.name}`,
          about: pod,
          provides: [bug],
        });
    }
  },
};
