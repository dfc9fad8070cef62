// RBAC rule matching, as the API server's RBAC authorizer decides it (upstream:
// pkg/apis/rbac/v1/evaluation_helpers.go, and RuleAllows in plugin/pkg/auth/authorizer/rbac/rbac.go).
// There is no `resource/*` form: `*` matches every resource and subresource, `*/sub` one
// subresource of every resource, and anything else must be written out.

export interface PolicyRule {
  verbs: readonly string[];
  apiGroups: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}

/** What a request asks, as the authorizer sees it. */
export interface ResourceRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  /** `exec`, `token`, `proxy`...; empty for the resource itself. */
  subresource: string;
  /** Empty for cluster-scoped resources and for requests across every namespace. */
  namespace: string;
  /**
   * The object's name; empty when the request carries none (create, list, watch,
   * deletecollection) or when the name cannot be known in advance (a Deployment's pods).
   */
  name: string;
}

export interface NonResourceRequest {
  verb: string;
  path: string;
}

export type Request =
  ({ resourceRequest: true } & ResourceRequest) | ({ resourceRequest: false } & NonResourceRequest);

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === group);
}

/** `combined` is `resource` or `resource/subresource`. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === '*' || r === combined) return true;
    // `*/scale` matches the scale subresource of every resource; `*/` alone matches nothing.
    if (subresource !== '' && r.length > 2 && r.startsWith('*/') && r.slice(2) === subresource)
      return true;
  }
  return false;
}

/** Rules without names match every name; with names, only requests that carry one listed. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

export function combinedResource(r: Pick<ResourceRequest, 'resource' | 'subresource'>): string {
  return r.subresource === '' ? r.resource : `${r.resource}/${r.subresource}`;
}

export function ruleAllows(rule: PolicyRule, request: Request): boolean {
  if (request.resourceRequest)
    return (
      verbMatches(rule, request.verb) &&
      apiGroupMatches(rule, request.apiGroup) &&
      resourceMatches(rule, combinedResource(request), request.subresource) &&
      resourceNameMatches(rule, request.name)
    );
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}

/** `*` verbs on `*` resources of `*` groups, for every name: everything a binding's scope holds. */
export function isFullRights(rule: PolicyRule): boolean {
  return (
    rule.verbs.includes('*') &&
    rule.apiGroups.includes('*') &&
    rule.resources.includes('*') &&
    rule.resourceNames.length === 0
  );
}
