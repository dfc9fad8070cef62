import { cond } from '../graph/facts';
import type { Credential } from '../model/types';
import type { MessUpTemplate } from './template';

/** A credential of the threat model, or the key of a service-account token Secret. */
export const template: MessUpTemplate<Credential | string> = {
  id: 'credential-leak',
  category: 'leak',
  title: 'A kubeconfig or token leaks',
  description:
    'A kubeconfig is committed to a repository, pasted into a ticket, or stolen from a laptop; a long-lived service-account token secret is copied out of the cluster.',
  references: ['attack:T1552.001', 'attack:T1078'],
  describe: (leak) =>
    typeof leak === 'string'
      ? `The token in Secret ${leak} leaks`
      : `${leak.id} leaks (kept on ${leak.keptAt})`,
  generate(ctx) {
    for (const c of ctx.model.threat.credentials) {
      ctx.candidate({
        target: c.id,
        about: c,
        provides: [cond.leaked(c.id)],
        at: [c.at],
      });
    }
    for (const [key, secret] of ctx.model.secrets) {
      if (secret.serviceAccount)
        ctx.candidate({
          target: key,
          about: key,
          provides: [cond.tokenSecretLeaked(key)],
          at: [{ object: secret.object, path: [] }],
        });
    }
  },
};
