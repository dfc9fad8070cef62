import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'list-secrets',
  title: 'List the secrets of a namespace',
  description:
    '`list` (or `watch`) on secrets returns their contents, not just their names: every password, key and service-account token secret of the namespace.',
  references: ['kubehound:TOKEN_LIST', 'ms:MS-TA9025', 'attack:T1552.007', 'cis:5.1.2'],
  remediation:
    'Do not grant list or watch on secrets; read single secrets by name from the workload that needs them.',
  rules(ctx) {
    secretRules(ctx, 'list-secrets');
  },
};

export function secretRules(
  ctx: Parameters<Technique['rules']>[0],
  ability: 'list-secrets' | 'get-secrets',
): void {
  if (ctx.model.threat.legacyTokenSecrets) {
    for (const key of ctx.model.serviceAccounts.keys()) {
      const [ns, name] = key.split('/') as [string, string];
      ctx.rule([fact.perm(ability, ns)], fact.serviceAccount(ns, name));
    }
  }
  for (const [key, secret] of ctx.model.secrets) {
    const ns = key.split('/')[0] ?? 'default';
    if (ability === 'get-secrets') {
      // Rights narrowed with resourceNames: this one secret (scope `<namespace>/<name>`).
      ctx.rule([fact.perm(ability, key)], fact.secret(key));
      if (secret.serviceAccount)
        ctx.rule([fact.perm(ability, key)], fact.serviceAccount(ns, secret.serviceAccount));
    }
    ctx.rule([fact.perm(ability, ns)], fact.secret(key));
    if (secret.serviceAccount)
      ctx.rule([fact.perm(ability, ns)], fact.serviceAccount(ns, secret.serviceAccount));
  }
}
