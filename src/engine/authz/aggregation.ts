// ClusterRole aggregation, as the controller manager's clusterrole-aggregation controller
// computes it (upstream: pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go):
// an aggregated ClusterRole's rules are *replaced* by the union of the rules of every other
// ClusterRole its selectors match (selectors in order, matches by name, duplicates dropped).
// A matched role that is itself aggregated passes on its aggregated rules, so the controller
// converges on a fixpoint; so do we.

import { matchesSelector } from '../model/selectors';
import type { RbacRole, RbacRule } from './rbacModel';

function ruleKey(r: RbacRule): string {
  return JSON.stringify([r.verbs, r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs]);
}

/** Rewrites the rules of every aggregated ClusterRole in `clusterRoles` until none changes. */
export function aggregateClusterRoles(clusterRoles: readonly RbacRole[]): void {
  const aggregated = clusterRoles.filter((r) => r.aggregation !== undefined);
  if (aggregated.length === 0) return;
  const byName = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Each pass can only add rules that exist somewhere, so it ends; the bound is a safeguard.
  for (let pass = 0; pass <= clusterRoles.length; pass++) {
    let changed = false;
    for (const role of aggregated) {
      const rules: RbacRule[] = [];
      const seen = new Set<string>();
      for (const selector of role.aggregation!) {
        for (const other of byName) {
          if (other === role || !matchesSelector(selector, other.labels)) continue;
          for (const rule of other.rules) {
            const key = ruleKey(rule);
            if (seen.has(key)) continue;
            seen.add(key);
            rules.push(rule);
          }
        }
      }
      if (rules.length !== role.rules.length || rules.some((r, i) => r !== role.rules[i])) {
        role.rules = rules;
        changed = true;
      }
    }
    if (!changed) return;
  }
}
