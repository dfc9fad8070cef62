import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate = {
  id: 'credential-leak',
  category: 'leak',
  title: 'A kubeconfig or token leaks',
  description:
    'A kubeconfig is committed to a repository, pasted into a ticket, or stolen from a laptop; a long-lived service-account token secret is copied out of the cluster.',
  references: ['attack:T1552.001', 'attack:T1078'],
  generate(ctx) {
    for (const c of ctx.model.threat.credentials) {
      ctx.candidate({
        target: c.id,
        title: `${c.id} leaks (kept on ${c.keptAt})`,
        provides: [cond.leaked(c.id)],
        at: [c.at],
      });
    }
    for (const [key, secret] of ctx.model.secrets) {
      if (secret.serviceAccount)
        ctx.candidate({
          target: key,
          title: `The token in Secret ${key} leaks`,
          provides: [cond.tokenSecretLeaked(key)],
          at: [{ object: secret.object, path: [] }],
        });
    }
  },
};
