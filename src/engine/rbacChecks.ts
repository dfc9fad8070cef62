import { request } from './authz/requests';
import { isFullRights } from './authz/rules';
import { objectRef } from './manifests/document';
import { resolve } from './manifests/locate';
import type { ClusterModel } from './model/types';
import type { Finding } from './result';
import type { Reference } from './types';

/**
 * Grants a benchmark names as such, whoever holds them: each check is the requests it
 * looks for (cluster-wide, as a ClusterRoleBinding grants them), and every subject of a
 * binding of the input that the authorizer would allow one of them is a finding at its
 * line. Full rights (`*` on `*`) are cluster-admin-rights' finding (CIS 5.1.1 and 5.1.3).
 */
interface RbacCheck {
  id: Reference;
  message: string;
  references: readonly Reference[];
  verbs: readonly string[];
  resource: string;
}

const checks: readonly RbacCheck[] = [
  {
    id: 'cis:5.1.2',
    message: 'Reads every Secret of the cluster (get, list or watch on secrets cluster-wide)',
    references: Object.freeze(['cis:5.1.2', 'ms:MS-TA9025', 'attack:T1552.007']),
    verbs: ['get', 'list', 'watch'],
    resource: 'secrets',
  },
];

export function rbacFindings(model: ClusterModel): Finding[] {
  // Without RBAC in the authorizer chain, bindings grant nothing.
  if (!model.apiServer.rbacEnabled.value) return [];
  const out: Finding[] = [];
  for (const check of checks) {
    const seen = new Set<string>();
    for (const verb of check.verbs)
      for (const g of model.rbac.index.grantsFor({
        resourceRequest: true,
        ...request(verb, check.resource),
      })) {
        const { binding } = g;
        if (binding.builtin || isFullRights(g.rule)) continue;
        for (const s of binding.subjects) {
          const location = resolve(s.at);
          const key = `${location.file}:${location.line}:${location.column}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            object: objectRef(binding.object),
            check: check.id,
            message: check.message,
            references: check.references,
            location,
          });
        }
      }
  }
  return out;
}
