import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'rbac-escalate',
  title: 'Escalate a role beyond what one holds',
  description:
    'The `escalate` verb lets its holder write roles with permissions they do not have. Together with a binding to that role (or the right to create one), the attacker adds `*` on `*` and holds it.',
  references: ['kubehound:ROLE_BIND', 'attack:T1098', 'cis:5.1.8'],
  remediation: 'Do not grant `escalate` on roles or clusterroles.',
  rules(ctx) {
    ctx.rule(
      [fact.perm('escalate', '*'), fact.perm('create-cluster-bindings', '*')],
      fact.perm('admin', '*'),
    );
    for (const ns of ctx.namespaces())
      ctx.rule(
        [fact.perm('escalate', ns), fact.perm('create-bindings', ns)],
        fact.perm('admin', ns),
      );
  },
};
