import { request } from '../authz/requests';
import { cond, fact } from '../graph/facts';
import { credentialNamespaces } from '../model/secrets';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'powerful-credential-in-secret',
  title: 'Read a powerful credential someone keeps in a Secret',
  description:
    'Real clusters keep credentials in Secrets that no application manifest shows: a cloud key, a registry login, an Argo CD cluster credential, a kubeconfig pasted in by hand, a token for a CI system. Whoever may list the Secrets of a namespace where one of them gives full control of the cluster has that control; so does whoever reads such a Secret of the input by any way.',
  references: ['attack:T1552.007', 'ms:MS-TA9025', 'cis:5.1.2'],
  remediation:
    'Grant `list` and `watch` on Secrets to nobody who does not need every Secret of the namespace, keep cluster credentials out of the cluster (workload identity instead of cloud keys), and give each credential the least power it needs.',
  rules(ctx) {
    const unknown = new Map<string, string[]>();
    for (const [key, s] of ctx.model.secrets) {
      if (s.credential?.kind !== 'unknown-holder') continue;
      const ns = key.slice(0, key.indexOf('/'));
      const list = unknown.get(ns);
      if (list) list.push(key);
      else unknown.set(ns, [key]);
    }
    const all = fact.perm('admin', '*');
    // The credential is used at the API server; the witness starts the step from what was read.
    for (const ns of credentialNamespaces(ctx.model)) {
      const kept = ctx.condition(cond.powerfulCredential(ns), false);
      // A Secret nobody shows has a name nobody knows: listed or watched, not fetched.
      for (const verb of ['list', 'watch'])
        ctx.rule([fact.apiReach, kept, ctx.can(request(verb, 'secrets', { namespace: ns }))], all);
      for (const key of unknown.get(ns) ?? [])
        ctx.rule([fact.apiReach, kept, fact.secret(key)], all, [
          { object: ctx.model.secrets.get(key)!.object, path: [] },
        ]);
    }
  },
};
