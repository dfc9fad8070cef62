import { request } from '../authz/requests';
import { fact } from '../graph/facts';
import { serviceAccountsIn } from './list-secrets';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'get-secrets-by-name',
  title: 'Read secrets whose names can be guessed',
  description:
    '`get` on secrets reads any secret whose name the attacker knows or guesses, unless `resourceNames` restricts it; service-account token secrets have predictable names.',
  references: ['kubehound:TOKEN_BRUTEFORCE', 'ms:MS-TA9025', 'attack:T1552.007', 'cis:5.1.2'],
  remediation: 'Restrict `get` on secrets with `resourceNames` to the secrets a workload needs.',
  rules(ctx) {
    // What a Secret's credential gives is credentials-in-secrets' to say.
    for (const key of ctx.model.secrets.keys()) {
      const cut = key.indexOf('/');
      const ns = key.slice(0, cut);
      const name = key.slice(cut + 1);
      ctx.rule([ctx.can(request('get', 'secrets', { namespace: ns, name }))], fact.secret(key));
    }
    // Long-lived token Secrets (before 1.24) are `<account>-token-<5 characters>`: guessed by
    // whoever may get any secret of the namespace, not through a list of names.
    if (ctx.model.threat.legacyTokenSecrets)
      for (const ns of ctx.namespaces()) {
        const accounts = serviceAccountsIn(ctx, ns);
        if (accounts.length === 0) continue;
        const any = ctx.can(request('get', 'secrets', { namespace: ns }));
        for (const name of accounts) ctx.rule([any], fact.serviceAccount(ns, name));
      }
  },
};
