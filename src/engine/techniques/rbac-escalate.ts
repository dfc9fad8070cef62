import { request } from '../authz/requests';
import type { ResourceRequest } from '../authz/rules';
import type { RbacBinding, RbacModel, RbacRole } from '../authz/rbacModel';
import { fact, factTable, type Fact } from '../graph/facts';
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
    const { byRole, dangling } = bindingsByRole(ctx.model.rbac);
    const builtinOnly = !ctx.authorization.roleWritesGranted;
    // Changing a role already bound to an identity the attacker holds (upstream:
    // RoleEscalationAuthorized in pkg/registry/rbac/escalation_check.go; an aggregated
    // ClusterRole's rules are rewritten by its controller, so writing into it holds nothing).
    for (const [role, bindings] of byRole) {
      if (role.aggregation) continue;
      const rewrite = () => rewriteRole(ctx, role, bindings);
      if (builtinOnly && role.builtin && bindings.every((b) => b.builtin)) {
        const escalators = builtinEscalators(ctx, role);
        if (escalators.length === 0 || ctx.leaveOutUnlessHeld(escalators, role, rewrite)) continue;
      }
      const resource = role.kind === 'Role' ? 'roles' : 'clusterroles';
      const where = { namespace: role.namespace, name: role.name };
      if (!grantedShortOfAll(ctx, request('escalate', resource, where))) continue;
      rewrite();
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
    // Without a binding that may escalate Roles, no namespace passes the check below: not
    // asked namespace by namespace (a large cluster has hundreds).
    const namespaces = ctx.model.rbac.index.grantsAny(['escalate'], ['roles'])
      ? ctx.namespaces()
      : [];
    for (const ns of namespaces) {
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
 * The bindings by role: one object per role (a key per role, as the facts name it, is built
 * only for the roles grounded), in the order the bindings first name them; and the bindings
 * of the input whose role does not exist.
 */
function bindingsByRole(rbac: RbacModel): {
  byRole: Map<RbacRole, readonly RbacBinding[]>;
  dangling: readonly RbacBinding[];
} {
  const { bindings, bootstrap } = rbac;
  let shared: Map<RbacRole, RbacBinding[]> | undefined;
  if (bootstrap !== undefined) {
    // The bootstrap policy's few hundred bindings are grouped once, for every analysis.
    shared = bootstrapByRole.get(bootstrap);
    if (shared === undefined) bootstrapByRole.set(bootstrap, (shared = group(bootstrap, 0)));
  }
  const from = bootstrap?.length ?? 0;
  const own = group(bindings, from);
  const dangling: RbacBinding[] = [];
  for (let i = from; i < bindings.length; i++)
    if (!bindings[i]!.role && !bindings[i]!.builtin) dangling.push(bindings[i]!);
  if (shared === undefined) return { byRole: own, dangling };
  const byRole = new Map<RbacRole, readonly RbacBinding[]>();
  for (const [role, list] of shared) {
    const more = own.get(role);
    if (more === undefined) byRole.set(role, list);
    else {
      byRole.set(role, [...list, ...more]);
      own.delete(role);
    }
  }
  for (const [role, list] of own) byRole.set(role, list);
  return { byRole, dangling };
}

function group(bindings: readonly RbacBinding[], from: number): Map<RbacRole, RbacBinding[]> {
  const byRole = new Map<RbacRole, RbacBinding[]>();
  for (let i = from; i < bindings.length; i++) {
    const b = bindings[i]!;
    if (!b.role) continue;
    const list = byRole.get(b.role);
    if (list) list.push(b);
    else byRole.set(b.role, [b]);
  }
  return byRole;
}

const bootstrapByRole = new WeakMap<readonly RbacBinding[], Map<RbacRole, RbacBinding[]>>();

/** `update` or `patch` with `escalate` on a role: every right, for whoever it is bound to. */
function rewriteRole(
  ctx: TechniqueContext,
  role: RbacRole,
  bindings: readonly RbacBinding[],
): void {
  const resource = role.kind === 'Role' ? 'roles' : 'clusterroles';
  const where = { namespace: role.namespace, name: role.name };
  const escalate = ctx.can(request('escalate', resource, where));
  const written = fact.escalated(`${role.kind}:${role.namespace}/${role.name}`);
  for (const verb of ['update', 'patch'])
    ctx.rule([ctx.can(request(verb, resource, where)), escalate], written);
  holders(ctx, bindings, written);
}

/**
 * Who may rewrite a built-in role, bound by built-in bindings only, while only built-in
 * bindings grant writing roles: the identities the bootstrap policy grants `escalate` on it
 * short of full rights (the aggregation controller's account, for every ClusterRole), or
 * none. Rewriting such a role leads somewhere only for an attacker holding one of them: with
 * full rights where the role is, rewriting it gains nothing, and its bindings give no more
 * than those rights. Its rules are left out unless the attacker may hold one (buildGraph
 * checks). The same for every analysis of the same built-in role: read once per role.
 */
function builtinEscalators(ctx: TechniqueContext, role: RbacRole): readonly Fact[] {
  const table = factTable();
  const known = escalatorsOf.get(role);
  if (known !== undefined && known.table === table) return known.identities;
  const resource = role.kind === 'Role' ? 'roles' : 'clusterroles';
  const where = { namespace: role.namespace, name: role.name };
  const found: Fact[] = [];
  // Full rights allow it through full rights where the role is (graph/authorization.ts).
  for (const g of ctx.authorization.grants(request('escalate', resource, where)))
    if (!g.full)
      for (const s of g.binding.subjects)
        if (!found.includes(fact.as(s.key))) found.push(fact.as(s.key));
  escalatorsOf.set(role, { table, identities: found });
  return found;
}

/**
 * By role, with the fact table they belong to: after the table starts again (a long session),
 * the same identities are other objects, and the graph knows only those (the attacker was
 * never found holding the old ones, so the role's rewriting was never grounded).
 */
const escalatorsOf = new WeakMap<RbacRole, { table: number; identities: readonly Fact[] }>();

/**
 * Some binding allows the request without holding every right in its scope: with full
 * rights there, writing a role gains nothing that is not already held (and full rights
 * cluster-wide are the goal). Checked before grounding, since most roles qualify for nothing.
 */
function grantedShortOfAll(ctx: TechniqueContext, r: ResourceRequest): boolean {
  return ctx.authorization.grants(r).some((g) => !g.full);
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
