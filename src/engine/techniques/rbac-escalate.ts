import { request } from '../authz/requests';
import { isFullRights, type ResourceRequest } from '../authz/rules';
import type { Grant } from '../authz/authorizer';
import type { RbacBinding } from '../authz/rbacModel';
import { fact, type Fact } from '../graph/facts';
import type { Technique, TechniqueContext } from './technique';

export const technique: Technique = {
  id: 'rbac-escalate',
  title: 'Escalate a role beyond what one holds',
  description:
    'The `escalate` verb lets its holder write roles with rules they do not hold. With `update` (or `patch`) on a role that is already bound to them, the attacker writes `*` on `*` into it and holds it; with `create` on roles and `bind`, a new role does the same. A binding to a role that does not exist yet is filled by whoever may create it.',
  references: ['kubehound:ROLE_BIND', 'attack:T1098', 'cis:5.1.8'],
  remediation:
    'Do not grant `escalate` on roles or clusterroles, nor `update` on the roles that bind powerful identities.',
  rules(ctx) {
    if (!ctx.authorization.mayEscalate) return;
    const byRole = new Map<string, RbacBinding[]>();
    const dangling: RbacBinding[] = [];
    for (const b of ctx.model.rbac.bindings) {
      if (!b.role) {
        if (!b.builtin) dangling.push(b);
        continue;
      }
      const key = `${b.role.kind}:${b.role.namespace}/${b.role.name}`;
      const list = byRole.get(key);
      if (list) list.push(b);
      else byRole.set(key, [b]);
    }
    // Changing a role already bound to an identity the attacker holds (upstream:
    // RoleEscalationAuthorized in pkg/registry/rbac/escalation_check.go; an aggregated
    // ClusterRole's rules are rewritten by its controller, so writing into it holds nothing).
    for (const [key, bindings] of byRole) {
      const role = bindings[0]!.role!;
      if (role.aggregation) continue;
      const resource = role.kind === 'Role' ? 'roles' : 'clusterroles';
      const where = { namespace: role.namespace, name: role.name };
      const grants = ctx.authorization.grants(request('escalate', resource, where));
      if (!grants.some((g) => !isFullRights(g.rule))) continue;
      if (onlyBuiltin(ctx, bindings, grants)) continue;
      const escalate = ctx.can(request('escalate', resource, where));
      const written = fact.escalated(key);
      for (const verb of ['update', 'patch'])
        ctx.rule([ctx.can(request(verb, resource, where)), escalate], written);
      holders(ctx, bindings, written);
    }
    // A binding to a role nobody has created yet: creating it with any rules needs `escalate`.
    for (const b of dangling) {
      const kind = b.roleRef.kind === 'Role' ? 'Role' : 'ClusterRole';
      const resource = kind === 'Role' ? 'roles' : 'clusterroles';
      const where = { namespace: kind === 'Role' ? b.namespace : '', name: b.roleRef.name };
      if (!grantedShortOfAll(ctx, request('escalate', resource, where))) continue;
      const written = fact.escalated(`${kind}:${where.namespace}/${where.name}`);
      ctx.rule(
        [
          ctx.can(request('create', resource, where)),
          ctx.can(request('escalate', resource, where)),
        ],
        written,
      );
      holders(ctx, [b], written);
    }
    // A new role with every rule, then a binding to it (`bind` on it, since the attacker
    // does not hold its rules).
    for (const ns of ctx.namespaces()) {
      const where = { namespace: ns };
      if (!grantedShortOfAll(ctx, request('escalate', 'roles', where))) continue;
      ctx.rule(
        [
          ctx.can(request('create', 'roles', where)),
          ctx.can(request('escalate', 'roles', where)),
          ctx.can(request('create', 'rolebindings', where)),
          ctx.can(request('bind', 'roles', where)),
        ],
        fact.perm('admin', ns),
      );
    }
    if (grantedShortOfAll(ctx, request('escalate', 'clusterroles')))
      ctx.rule(
        [
          ctx.can(request('create', 'clusterroles')),
          ctx.can(request('escalate', 'clusterroles')),
          ctx.can(request('create', 'clusterrolebindings')),
          ctx.can(request('bind', 'clusterroles')),
        ],
        fact.perm('admin', '*'),
      );
  },
};

/**
 * A built-in role, bound by built-in bindings only, that only built-in bindings let anyone
 * rewrite (the aggregation controller's `escalate` on every ClusterRole): rewriting it leads
 * somewhere only for an attacker holding an identity those bindings name (with full rights
 * where the role is, rewriting it gains nothing; the bindings give no more than those rights).
 * Its rules are left out unless the attacker may hold one of them (buildGraph checks).
 */
function onlyBuiltin(
  ctx: TechniqueContext,
  bindings: readonly RbacBinding[],
  grants: readonly Grant[],
): boolean {
  if (!bindings[0]!.role!.builtin || ctx.authorization.roleWritesGranted) return false;
  if (!bindings.every((b) => b.builtin)) return false;
  // Full rights allow it through full rights where the role is (graph/authorization.ts).
  const identities: Fact[] = [];
  for (const g of grants) {
    if (isFullRights(g.rule)) continue;
    if (!g.binding.builtin) return false;
    for (const s of g.binding.subjects) identities.push(fact.as(s.key));
  }
  return ctx.leaveOutUnlessHeld(identities);
}

/**
 * Some binding allows the request without holding every right in its scope: with full
 * rights there, writing a role gains nothing that is not already held (and full rights
 * cluster-wide are the goal). Checked before grounding, since most roles qualify for nothing.
 */
function grantedShortOfAll(ctx: TechniqueContext, r: ResourceRequest): boolean {
  return ctx.authorization.grants(r).some((g) => !isFullRights(g.rule));
}

/** Whoever a binding names holds a role with every rule written into it: full rights in its scope. */
function holders(ctx: TechniqueContext, bindings: readonly RbacBinding[], written: Fact): void {
  for (const b of bindings)
    b.subjects.forEach((s, i) => {
      ctx.rule(
        [written, fact.apiReach, fact.as(s.key), ctx.authorization.bound(b, i)],
        fact.perm('admin', b.namespace || '*'),
        b.builtin ? [] : [s.at],
      );
    });
}
