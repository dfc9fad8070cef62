// Whether one set of rules covers another, as the API server's escalation check compares
// them (upstream: staging/src/k8s.io/component-helpers/auth/rbac/validation/policy_comparator.go):
// a user may write a role, or bind one, without `escalate` or `bind` only when the rules it
// already holds cover every rule granted. The attack graph never needs this path (holding
// every rule already, one gains nothing by binding them), so it serves the conformance tests
// and `mut` explanations; the rule matching the graph uses is in rules.ts.

import type { PolicyRule } from './rules';

type Rule = Partial<PolicyRule>;
const list = (x: readonly string[] | undefined) => x ?? [];
const has = (set: readonly string[], v: string) => set.includes(v);
const hasAll = (set: readonly string[], want: readonly string[]) => want.every((v) => has(set, v));

/** A rule broken into single-verb, single-resource (and single-name) rules. */
export function breakdownRule(rule: Rule): PolicyRule[] {
  const out: PolicyRule[] = [];
  const names = list(rule.resourceNames);
  for (const group of list(rule.apiGroups))
    for (const resource of list(rule.resources))
      for (const verb of list(rule.verbs)) {
        const base = {
          apiGroups: [group],
          resources: [resource],
          verbs: [verb],
          nonResourceURLs: [],
        };
        if (names.length > 0) for (const n of names) out.push({ ...base, resourceNames: [n] });
        else out.push({ ...base, resourceNames: [] });
      }
  for (const url of list(rule.nonResourceURLs))
    for (const verb of list(rule.verbs))
      out.push({
        apiGroups: [],
        resources: [],
        verbs: [verb],
        resourceNames: [],
        nonResourceURLs: [url],
      });
  return out;
}

function resourcesCovered(owner: readonly string[], wanted: readonly string[]): boolean {
  if (has(owner, '*') || hasAll(owner, wanted)) return true;
  return wanted.every((path) => {
    if (has(owner, path)) return true;
    const slash = path.indexOf('/');
    return slash !== -1 && has(owner, `*/${path.slice(slash + 1)}`);
  });
}

function urlCovers(owner: string, path: string): boolean {
  return owner === path || (owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, '')));
}

function ruleCovers(owner: Rule, sub: PolicyRule): boolean {
  const verbs = list(owner.verbs);
  const groups = list(owner.apiGroups);
  const ownerNames = list(owner.resourceNames);
  const names =
    sub.resourceNames.length === 0
      ? ownerNames.length === 0
      : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return (
    (has(verbs, '*') || hasAll(verbs, sub.verbs)) &&
    (has(groups, '*') || hasAll(groups, sub.apiGroups)) &&
    resourcesCovered(list(owner.resources), sub.resources) &&
    names &&
    sub.nonResourceURLs.every((p) => list(owner.nonResourceURLs).some((o) => urlCovers(o, p)))
  );
}

/** Whether `owner` covers `servant`, and the broken-down servant rules it does not cover. */
export function covers(
  owner: readonly Rule[],
  servant: readonly Rule[],
): { covers: boolean; uncovered: PolicyRule[] } {
  const uncovered = servant
    .flatMap(breakdownRule)
    .filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
  return { covers: uncovered.length === 0, uncovered };
}
