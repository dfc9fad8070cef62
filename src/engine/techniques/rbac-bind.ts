import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'rbac-bind',
  title: 'Bind a powerful role to oneself',
  description:
    'RBAC stops people from granting what they do not hold, unless they have the `bind` verb on the role. With `bind` and the right to create role bindings, the attacker binds `cluster-admin` (or `admin` in a namespace) to their own identity.',
  references: ['kubehound:ROLE_BIND', 'attack:T1098', 'ms:MS-TA9019', 'cis:5.1.8'],
  remediation: 'Do not grant `bind` on roles; creating role bindings alone cannot escalate.',
  rules(ctx) {
    // A ClusterRoleBinding to cluster-admin needs `bind` on clusterroles cluster-wide and the
    // right to create ClusterRoleBindings (it cannot refer to a Role).
    ctx.rule(
      [fact.perm('bind', '*'), fact.perm('create-cluster-bindings', '*')],
      fact.perm('admin', '*'),
    );
    for (const ns of ctx.namespaces())
      ctx.rule([fact.perm('bind', ns), fact.perm('create-bindings', ns)], fact.perm('admin', ns));
    // `bind` on roles binds only the Roles that exist in the namespace: it gives what they grant.
    for (const role of ctx.model.roles ?? [])
      for (const ability of role.abilities)
        ctx.rule(
          [fact.perm('bind-roles', role.namespace), fact.perm('create-bindings', role.namespace)],
          fact.perm(ability, role.namespace),
          [role.at],
        );
  },
};
