import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate<string> = {
  id: 'network-policy-removed',
  category: 'misconfiguration',
  title: 'A NetworkPolicy is deleted or stops selecting its pods',
  description:
    'A relabelled Deployment, a namespace recreated without its policies, or a policy deleted while debugging leaves pods open again.',
  references: ['cis:5.3.2'],
  describe: (id) => `Someone deletes ${id} (or it stops selecting its pods)`,
  generate(ctx) {
    for (const p of ctx.model.networkPolicies) {
      ctx.candidate({
        target: p.id,
        about: p.id,
        provides: [cond.networkPolicyRemoved(p.id)],
        at: [{ object: p.object, path: [] }],
      });
    }
  },
};
