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
    for (const scope of ['*', ...ctx.namespaces()])
      ctx.rule(
        [fact.perm('bind', scope), fact.perm('create-bindings', scope)],
        fact.perm('admin', scope),
      );
  },
};
