// "Is this request allowed for this user?", as the RBAC authorizer answers it (upstream:
// plugin/pkg/auth/authorizer/rbac/rbac.go, VisitRulesFor in pkg/registry/rbac/validation/rule.go):
// a ClusterRoleBinding grants its role's rules everywhere, a RoleBinding only for requests
// in its own namespace (never cluster-scoped resources or non-resource URLs), and any one
// rule of any one binding that applies to the user allows the request.
//
// The attack graph asks the other way round ("who may do this?") for every request a
// technique needs, thousands per cluster: rules are indexed by resource and verb, so a
// request looks at the few rules that can match it.

import type { RbacBinding, RbacRule } from './rbacModel';
import {
  apiGroupMatches,
  combinedResource,
  isFullRights,
  nonResourceURLMatches,
  resourceNameMatches,
  type Request,
  type ResourceRequest,
} from './rules';
import { appliesTo, type UserInfo } from './subjects';

/** One rule of one binding: what a subject of the binding may do, and where it is written. */
export interface Grant {
  binding: RbacBinding;
  rule: RbacRule;
  /**
   * The rule allows everything (`isFullRights`): asked of every grant of every request
   * grounded, so worked out once, as the index is built.
   */
  full: boolean;
  /** The last `grantsFor` call of its index that found it (internal). */
  seen: number;
  /** Made before the grants with a higher number: the order answers list grants in (internal). */
  order: number;
}

/**
 * The grants of one resource and verb: those of cluster-wide bindings, and those of each
 * namespace's RoleBindings, each list in the order the grants were made. A request in a
 * namespace reads two short lists, not every RoleBinding of the cluster: on a cluster with
 * a Role per namespace, scanning them all for each namespace's requests was quadratic.
 */
class ScopedGrants {
  readonly cluster: Grant[] = [];
  readonly byNamespace = new Map<string, Grant[]>();

  add(grant: Grant): void {
    const ns = grant.binding.namespace;
    if (ns === '') this.cluster.push(grant);
    else {
      const list = this.byNamespace.get(ns);
      if (list) list.push(grant);
      else this.byNamespace.set(ns, [grant]);
    }
  }
}

const noGrants: readonly Grant[] = Object.freeze([]);

/**
 * Where `ownGrantsFor` collects an answer before copying it at its size: a new list per
 * request grew by pushes to room for seventeen grants (most answers hold none to three), and
 * some answers are kept as long as their request. Written by index, never shortened: a list
 * cut to length 0 gives its room back, and the next push grows it again.
 */
class Collected {
  private readonly list: Grant[] = [];
  private n = 0;

  add(g: Grant): void {
    this.list[this.n++] = g;
  }

  /** What was added, in order, as a list of its own; this one emptied. */
  take(): readonly Grant[] {
    const n = this.n;
    if (n === 0) return noGrants;
    const list = this.list;
    const found = list.slice(0, n);
    // Nothing of an analysis is kept alive through this list once it is done.
    for (let i = 0; i < n; i++) list[i] = undefined!;
    this.n = 0;
    return found;
  }
}

const collected = new Collected();

/** A request's grants, the base index's and an index's own (`RbacIndex.grantsApart`). */
export interface GrantsApart {
  base: readonly Grant[];
  own: readonly Grant[];
}

/** Where `grantsFor` has them written, read right after. */
const joined: GrantsApart = { base: noGrants, own: noGrants };

/** What a base index answered for one request, kept by the one who asks it again. */
export interface SharedAnswer {
  /** The index that answered; none yet. */
  index: RbacIndex | undefined;
  grants: readonly Grant[];
}

export class RbacIndex {
  /** By an entry of a rule's `resources` (`pods`, `pods/exec`, `*`, `*\/exec`), then verb (or `*`). */
  private readonly byResource = new Map<string, Map<string, ScopedGrants>>();
  private readonly nonResource: Grant[] = [];

  /** Every binding, the base's included. */
  readonly bindings: readonly RbacBinding[];
  private readonly held = new Map<string, boolean>();

  /**
   * `base`: an index of bindings shared by many analyses (the bootstrap policy), whose
   * answers this one adds to its own.
   */
  constructor(
    own: readonly RbacBinding[],
    private readonly base?: RbacIndex,
  ) {
    this.bindings = base ? [...base.bindings, ...own] : own;
    let order = 0;
    for (const binding of own) {
      if (!binding.role) continue;
      for (const rule of binding.role.rules) {
        const grant: Grant = { binding, rule, full: isFullRights(rule), seen: 0, order: order++ };
        for (const resource of new Set(rule.resources)) {
          let verbs = this.byResource.get(resource);
          if (!verbs) this.byResource.set(resource, (verbs = new Map()));
          for (const verb of new Set(rule.verbs)) {
            let scoped = verbs.get(verb);
            if (!scoped) verbs.set(verb, (scoped = new ScopedGrants()));
            scoped.add(grant);
          }
        }
        if (rule.nonResourceURLs.length > 0 && binding.namespace === '')
          this.nonResource.push(grant);
      }
    }
  }

  /**
   * Whether some bound rule, short of full rights, has one of `verbs` (or `*`) on one of
   * `resources` (or `*`): a cheap test before grounding a technique that needs such a right.
   */
  grantsAny(verbs: readonly string[], resources: readonly string[]): boolean {
    const key = `${verbs.join(',')} ${resources.join(',')}`;
    let found = this.held.get(key);
    if (found === undefined) {
      found = (this.base?.grantsAny(verbs, resources) ?? false) || this.ownGrant(verbs, resources);
      this.held.set(key, found);
    }
    return found;
  }

  private ownGrant(verbs: readonly string[], resources: readonly string[]): boolean {
    const own = this.base ? this.bindings.slice(this.base.bindings.length) : this.bindings;
    return own.some((b) => bindingGrantsAny(b, verbs, resources));
  }

  /**
   * Every grant that allows the request, for whichever subjects its binding names: the
   * base's (`grantsApart`), then this index's own.
   */
  grantsFor(request: Request, shared?: SharedAnswer): readonly Grant[] {
    this.grantsApart(request, shared, joined);
    const { base, own } = joined;
    return base.length === 0 ? own : own.length === 0 ? base : base.concat(own);
  }

  /**
   * The grants `grantsFor` gives, the base's and this index's own apart, written into
   * `into`: the graph reads them one list after the other, and joining them (a spread, or
   * `concat`) was a fifth of the authorizer's time. With `shared`, the base's answer is kept
   * there and read back when the same base is asked the same request again (the base never
   * changes): the caller keeps one per request.
   */
  grantsApart(request: Request, shared: SharedAnswer | undefined, into: GrantsApart): void {
    const own = this.ownGrantsFor(request);
    const base = this.base;
    let fromBase: readonly Grant[] = noGrants;
    if (base && !shared) fromBase = base.grantsFor(request);
    else if (base && shared) {
      if (shared.index !== base) {
        // Kept as long as the request: every answer is at its size (`ownGrantsFor`).
        shared.grants = base.grantsFor(request);
        shared.index = base;
      }
      fromBase = shared.grants;
    }
    // Written last: asking the base may have used `into` (grantsFor's) on the way.
    into.base = fromBase;
    into.own = own;
  }

  private ownGrantsFor(request: Request): readonly Grant[] {
    if (!request.resourceRequest)
      return this.nonResource.filter(
        (g) =>
          g.rule.verbs.some((v) => v === '*' || v === request.verb) &&
          nonResourceURLMatches(g.rule, request.path),
      );
    const out = collected;
    // A rule listed under several keys (`pods` and `*`) is found once: marked by this call.
    const call = ++this.calls;
    const { subresource } = request;
    if (subresource === '') {
      this.collect(this.byResource.get(request.resource), request, call, out);
      this.collect(this.byResource.get('*'), request, call, out);
    } else {
      const names = subresourceNames(request.resource, subresource);
      this.collect(this.byResource.get(names.combined), request, call, out);
      this.collect(this.byResource.get('*'), request, call, out);
      this.collect(this.byResource.get(names.wildcard), request, call, out);
    }
    return out.take();
  }

  private calls = 0;

  private collect(
    verbs: Map<string, ScopedGrants> | undefined,
    request: ResourceRequest,
    call: number,
    out: Collected,
  ): void {
    if (!verbs) return;
    // Two calls rather than a loop over a pair: this runs for every request grounded.
    collectFrom(verbs.get(request.verb), request, call, out);
    collectFrom(verbs.get('*'), request, call, out);
  }

  /** The RBAC authorizer's decision for one user (no privileged groups, no other authorizer). */
  authorize(user: UserInfo, request: Request): boolean {
    return this.grantsFor(request).some((g) =>
      g.binding.subjects.some((s) => appliesTo(s.subject, user, g.binding.namespace)),
    );
  }
}

/**
 * Whether a rule of the binding's role, short of full rights, has one of `verbs` (or `*`) on
 * one of `resources` (or `*`), in any API group.
 */
export function bindingGrantsAny(
  binding: RbacBinding,
  verbs: readonly string[],
  resources: readonly string[],
): boolean {
  return (binding.role?.rules ?? []).some(
    (r) =>
      !isFullRights(r) &&
      r.verbs.some((v) => v === '*' || verbs.includes(v)) &&
      r.resources.some((x) => x === '*' || resources.includes(x)),
  );
}

/**
 * `resource/sub` and `*\/sub`, one string object for each pair: the index is looked up by
 * them for every request with a subresource, and a map finds a key it has hashed before
 * faster than a string built anew.
 */
const subresourceNamesMemo = new Map<string, Map<string, { combined: string; wildcard: string }>>();

function subresourceNames(resource: string, subresource: string) {
  let bySub = subresourceNamesMemo.get(resource);
  if (bySub === undefined) {
    if (subresourceNamesMemo.size >= 10_000) subresourceNamesMemo.clear();
    subresourceNamesMemo.set(resource, (bySub = new Map()));
  }
  let names = bySub.get(subresource);
  if (names === undefined) {
    names = { combined: combinedResource({ resource, subresource }), wildcard: `*/${subresource}` };
    bySub.set(subresource, names);
  }
  return names;
}

/**
 * The grants of `scoped` in scope of the request (cluster-wide bindings, and RoleBindings of
 * its namespace) that match it, in the order they were made, as one scan of all of them
 * would list them: the two lists merged by that order.
 */
function collectFrom(
  scoped: ScopedGrants | undefined,
  request: ResourceRequest,
  call: number,
  out: Collected,
): void {
  if (!scoped) return;
  const cluster = scoped.cluster;
  // A RoleBinding grants nothing outside its namespace, nor on cluster-scoped requests.
  const local = request.namespace === '' ? undefined : scoped.byNamespace.get(request.namespace);
  if (!local) {
    for (const g of cluster) take(g, request, call, out);
    return;
  }
  let i = 0;
  let j = 0;
  while (i < cluster.length || j < local.length) {
    const g =
      j === local.length || (i < cluster.length && cluster[i]!.order < local[j]!.order)
        ? cluster[i++]!
        : local[j++]!;
    take(g, request, call, out);
  }
}

function take(g: Grant, request: ResourceRequest, call: number, out: Collected): void {
  if (g.seen === call) return;
  if (!apiGroupMatches(g.rule, request.apiGroup)) return;
  if (!resourceNameMatches(g.rule, request.name)) return;
  g.seen = call;
  out.add(g);
}
