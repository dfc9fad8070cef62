import { isFullRights } from '../authz/rules';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'rbac-bind',
  title: 'Bind a powerful role to oneself',
  description:
    'RBAC stops people from granting what they do not hold, unless they have the `bind` verb on the role. With `bind` on a role and the right to create role bindings, the attacker binds that role (cluster-admin, say) to their own identity. `resourceNames` on `bind` limits which roles.',
  references: ['kubehound:ROLE_BIND', 'attack:T1098', 'ms:MS-TA9019', 'cis:5.1.8'],
  remediation: 'Do not grant `bind` on roles; creating role bindings alone cannot escalate.',
  rules(ctx) {
    // Roles short of full rights are bound when a technique asks for a right one of them
    // holds (graph/authorization.ts); a role with full rights is the goal in its scope.
    const auth = ctx.authorization;
    if (!auth.mayBind) return;
    for (const role of ctx.model.rbac.roles.values()) {
      if (!role.rules.some(isFullRights)) continue;
      if (role.kind === 'ClusterRole') {
        auth.bindable(role, '*');
        for (const ns of ctx.namespaces()) auth.bindable(role, ns);
      } else auth.bindable(role, role.namespace);
    }
  },
};
