import type { RbacRole, RbacRule } from '../authz/rbacModel';
import { isFullRights } from '../authz/rules';
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
    // Rights short of everything are grounded per request, when a technique asks for one
    // (graph/authorization.ts). Full rights (`*` on `*`) are the goal in their scope by
    // themselves: every binding of such a role, to every subject.
    if (ctx.model.apiServer.rbacEnabled.value)
      for (const b of ctx.model.rbac.bindings) {
        const rule = b.role && fullRightsOf(b.role);
        if (!rule) continue;
        b.subjects.forEach((s, i) => {
          // system:masters is allowed everything before RBAC is asked (the API server puts a
          // privileged-group authorizer first): system-masters-group says so, not this binding.
          if (s.key === 'group:system:masters') return;
          ctx.rule(
            [fact.apiReach, fact.as(s.key), ctx.authorization.bound(b, i)],
            fact.perm('admin', b.namespace || '*'),
            b.builtin ? [] : [s.at, rule.at],
          );
        });
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

/**
 * The role's rule of full rights, if it has one. Every analysis asks it of every built-in
 * role, which stays the same object from one analysis to the next: kept per role.
 */
function fullRightsOf(role: RbacRole): RbacRule | undefined {
  let rule = fullRights.get(role);
  if (rule === undefined) fullRights.set(role, (rule = role.rules.find(isFullRights) ?? null));
  return rule ?? undefined;
}

const fullRights = new WeakMap<RbacRole, RbacRule | null>();
