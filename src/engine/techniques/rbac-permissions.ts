import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'rbac-permissions',
  title: "Use an identity's RBAC permissions",
  description:
    'Once the attacker can reach the API server as some identity, RBAC decides what it may do: every Role and ClusterRole bound to the user, its groups or the service account. `kubectl auth can-i --list` tells the attacker exactly what they hold.',
  references: ['kubehound:PERMISSION_DISCOVER', 'attack:T1078', 'attack:T1069'],
  remediation:
    'Grant the least privilege: bind narrow Roles in one namespace rather than ClusterRoles, and never to broad groups such as system:authenticated.',
  rules(ctx) {
    for (const g of ctx.model.grants) {
      const granted = ctx.condition(cond.grant(g.subject, g.ability, g.scope), true, g.at);
      ctx.rule([fact.apiReach, fact.as(g.subject), granted], fact.perm(g.ability, g.scope), [g.at]);
    }
    // Identities a mess-up could over-grant: the binding does not exist yet.
    for (const subject of ctx.model.subjects) {
      ctx.rule(
        [fact.apiReach, fact.as(subject), cond.grant(subject, 'admin', '*')],
        fact.perm('admin', '*'),
      );
    }
    for (const group of ['system:unauthenticated', 'system:authenticated']) {
      ctx.rule(
        [fact.apiReach, fact.group(group), cond.grant(`group:${group}`, 'admin', '*')],
        fact.perm('admin', '*'),
      );
    }
    ctx.rule(
      [
        fact.apiReach,
        fact.as('user:system:anonymous'),
        cond.grant('user:system:anonymous', 'admin', '*'),
      ],
      fact.perm('admin', '*'),
    );
  },
};
