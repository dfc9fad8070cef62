import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate<string> = {
  id: 'pod-security-relaxed',
  category: 'misconfiguration',
  title: "A namespace's Pod Security enforcement is relaxed",
  description:
    'Someone removes or lowers the `pod-security.kubernetes.io/enforce` label of a namespace so a stubborn workload can be deployed.',
  references: ['pss:baseline/privileged', 'cis:5.2.1'],
  describe: (name) => `Someone relaxes Pod Security enforcement on namespace ${name}`,
  generate(ctx) {
    for (const [name, ns] of ctx.model.namespaces) {
      if (ns.enforce.value !== 'privileged')
        ctx.candidate({
          target: name,
          about: name,
          provides: [cond.psaAllowsPrivileged(name)],
          at: [ns.enforce.at],
        });
    }
  },
};
