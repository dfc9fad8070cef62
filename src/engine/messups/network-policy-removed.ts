import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate = {
  id: 'network-policy-removed',
  category: 'misconfiguration',
  title: 'A NetworkPolicy is deleted or stops selecting its pods',
  description:
    'A relabelled Deployment, a namespace recreated without its policies, or a policy deleted while debugging leaves pods open again.',
  references: ['cis:5.3.2'],
  generate(ctx) {
    for (const p of ctx.model.networkPolicies) {
      ctx.candidate({
        target: p.id,
        title: `Someone deletes ${p.id} (or it stops selecting its pods)`,
        provides: [cond.networkPolicyRemoved(p.id)],
        at: [{ object: p.object, path: [] }],
      });
    }
  },
};
