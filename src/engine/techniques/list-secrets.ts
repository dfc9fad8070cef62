import { request } from '../authz/requests';
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
    // List and watch carry no name, so `resourceNames` never lets them through.
    const byNamespace = new Map<string, string[]>();
    for (const key of ctx.model.secrets.keys()) {
      const ns = key.slice(0, key.indexOf('/'));
      const list = byNamespace.get(ns);
      if (list) list.push(key);
      else byNamespace.set(ns, [key]);
    }
    const legacy = ctx.model.threat.legacyTokenSecrets;
    for (const ns of ctx.namespaces()) {
      const keys = byNamespace.get(ns) ?? [];
      if (keys.length === 0 && !legacy) continue;
      const all = fact.perm('list-secrets', ns);
      for (const verb of ['list', 'watch'])
        ctx.rule([ctx.can(request(verb, 'secrets', { namespace: ns }))], all);
      // What a Secret's credential gives is credentials-in-secrets' to say.
      for (const key of keys) ctx.rule([all], fact.secret(key));
      if (legacy)
        for (const name of serviceAccountsIn(ctx, ns))
          ctx.rule([all], fact.serviceAccount(ns, name));
    }
  },
};

const accountsByNamespace = new WeakMap<object, Map<string, string[]>>();

/**
 * The service accounts of a namespace, for clusters whose every account has a token Secret.
 * Grouped once per model: two techniques ask for every namespace.
 */
export function serviceAccountsIn(ctx: Parameters<Technique['rules']>[0], ns: string): string[] {
  let byNs = accountsByNamespace.get(ctx.model);
  if (!byNs) {
    byNs = new Map();
    for (const key of ctx.model.serviceAccounts.keys()) {
      const cut = key.indexOf('/');
      const list = byNs.get(key.slice(0, cut));
      if (list) list.push(key.slice(cut + 1));
      else byNs.set(key.slice(0, cut), [key.slice(cut + 1)]);
    }
    accountsByNamespace.set(ctx.model, byNs);
  }
  return byNs.get(ns) ?? [];
}
