import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate = {
  id: 'application-bug',
  category: 'bug',
  title: 'A workload has a remote-code-execution bug',
  description:
    'The code a workload runs, or one of its dependencies, has a bug that lets whoever reaches its port run commands (Log4Shell, a deserialisation flaw, an unauthenticated admin endpoint).',
  references: ['attack:T1190'],
  generate(ctx) {
    for (const pod of ctx.model.pods) {
      const bug = cond.bug(pod);
      if (ctx.isDefended(bug))
        ctx.candidate({
          target: `${pod.namespace}/${pod.name}`,
          title: `An exploitable bug in ${pod.kind} ${pod.namespace}/${pod.name}`,
          provides: [bug],
        });
    }
  },
};
