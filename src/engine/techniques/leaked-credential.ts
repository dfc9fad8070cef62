import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'leaked-credential',
  title: 'Use a leaked kubeconfig or token',
  description:
    'Kubeconfigs and tokens are copied to laptops, CI systems and chat messages, and sometimes they leak. Whoever holds one is that user as far as the API server knows: the credential carries every group and permission of its owner.',
  references: ['attack:T1078', 'attack:T1552.001', 'ms:MS-TA9003'],
  remediation:
    'Use short-lived credentials (OIDC, exec plugins) instead of static kubeconfigs, keep each user least-privileged, and rotate what may have leaked.',
  rules(ctx) {
    for (const c of ctx.model.threat.credentials) {
      const leaked = ctx.condition(cond.leaked(c.id), false, c.at);
      ctx.rule([leaked], fact.as(c.subject), [c.at]);
      for (const g of c.groups) ctx.rule([leaked], fact.group(g), [c.at]);
    }
    for (const [key, secret] of ctx.model.secrets) {
      if (!secret.serviceAccount) continue;
      const ns = key.split('/')[0] ?? 'default';
      ctx.rule(
        [ctx.condition(cond.tokenSecretLeaked(key), false)],
        fact.serviceAccount(ns, secret.serviceAccount),
        [{ object: secret.object, path: [] }],
      );
    }
  },
};
