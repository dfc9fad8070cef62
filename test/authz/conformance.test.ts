// Upstream's own unit tests for RBAC, re-expressed as data (conformance/, see its MANIFEST.md)
// and run against the engine's authorizer: rule matching, subject matching, whole-authorizer
// decisions, ClusterRole aggregation, impersonation and the escalation check's `covers`.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregateClusterRoles } from '../../src/engine/authz/aggregation.ts';
import { covers } from '../../src/engine/authz/covers.ts';
import { impersonate, type ImpersonationCheck } from '../../src/engine/authz/impersonation.ts';
import { readRbac } from '../../src/engine/authz/rbacModel.ts';
import type { RbacRole } from '../../src/engine/authz/rbacModel.ts';
import { ruleAllows, type PolicyRule, type Request } from '../../src/engine/authz/rules.ts';
import { appliesTo, type Subject, type UserInfo } from '../../src/engine/authz/subjects.ts';
import type { KubeObject } from '../../src/engine/manifests/document.ts';

const data = (name: string) =>
  JSON.parse(readFileSync(new URL(`./conformance/${name}`, import.meta.url), 'utf8')) as {
    cases: Record<string, unknown>[];
  };

type RawRule = Partial<PolicyRule>;
const rule = (r: RawRule): PolicyRule => ({
  verbs: r.verbs ?? [],
  apiGroups: r.apiGroups ?? [],
  resources: r.resources ?? [],
  resourceNames: r.resourceNames ?? [],
  nonResourceURLs: r.nonResourceURLs ?? [],
});

interface RawRequest {
  resourceRequest: boolean;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  path: string;
}
const request = (r: RawRequest): Request =>
  r.resourceRequest
    ? {
        resourceRequest: true,
        verb: r.verb,
        apiGroup: r.apiGroup,
        resource: r.resource,
        subresource: r.subresource,
        namespace: r.namespace,
        name: r.name,
      }
    : { resourceRequest: false, verb: r.verb, path: r.path };

/** Kubernetes objects as the engine's reader would hand them over (no file behind them). */
function objects(raws: Record<string, unknown>[]): KubeObject[] {
  const doc = { file: 'conformance.json', index: 0, startLine: 1, text: '', value: raws };
  return raws.map((raw, i) => {
    const metadata = raw.metadata as { name: string; namespace?: string };
    return {
      kind: raw.kind as string,
      apiVersion: raw.apiVersion as string,
      name: metadata.name,
      namespace: metadata.namespace,
      raw,
      doc,
      path: [i],
    };
  });
}

describe('rule matching (upstream TestRuleMatches, TestResourceMatches)', () => {
  for (const c of data('rule-matching.json').cases as {
    name: string;
    rule: RawRule;
    request: RawRequest;
    allowed: boolean;
  }[])
    it(c.name, () => {
      expect(ruleAllows(rule(c.rule), request(c.request))).toBe(c.allowed);
    });
});

describe('subject matching (upstream TestAppliesTo)', () => {
  for (const c of data('subject-matching.json').cases as {
    name: string;
    subjects: Subject[];
    bindingNamespace: string;
    user: UserInfo;
    applies: boolean;
    matchingSubjectIndex?: number;
  }[])
    it(c.name, () => {
      const index = c.subjects.findIndex((s) => appliesTo(s, c.user, c.bindingNamespace));
      expect(index !== -1).toBe(c.applies);
      if (c.matchingSubjectIndex !== undefined) expect(index).toBe(c.matchingSubjectIndex);
    });
});

describe('the RBAC authorizer (upstream TestAuthorizer)', () => {
  for (const c of data('authorizer.json').cases as {
    name: string;
    roles: Record<string, unknown>[];
    bindings: Record<string, unknown>[];
    checks: { user: UserInfo; request: RawRequest; allowed: boolean }[];
  }[])
    it(c.name, () => {
      const { rbac } = readRbac(objects([...c.roles, ...c.bindings]), {
        bootstrapPolicy: false,
        stored: true,
      });
      for (const check of c.checks)
        expect(
          rbac.index.authorize(check.user, request(check.request)),
          `${check.user.name} ${JSON.stringify(check.request)}`,
        ).toBe(check.allowed);
    });
});

describe('ClusterRole aggregation (upstream TestSyncClusterRole)', () => {
  for (const c of data('aggregation.json').cases as {
    name: string;
    clusterRoles: Record<string, unknown>[];
    expected: Record<string, RawRule[]>;
  }[])
    it(c.name, () => {
      const { rbac } = readRbac(objects(c.clusterRoles), { bootstrapPolicy: false, stored: true });
      const roles = [...rbac.roles.values()].filter((r) => r.kind === 'ClusterRole');
      aggregateClusterRoles(roles); // once more changes nothing: a fixpoint
      const named = new Map<string, RbacRole>(roles.map((r) => [r.name, r]));
      for (const [name, rules] of Object.entries(c.expected))
        expect(
          named.get(name)!.rules.map((r) => rule(r)),
          name,
        ).toEqual(rules.map(rule));
    });
});

describe('impersonation (upstream TestImpersonationFilter)', () => {
  for (const c of data('impersonation.json').cases as {
    name: string;
    requestor: UserInfo;
    allowedImpersonations: ImpersonationCheck[];
    impersonate: {
      user?: string;
      groups?: string[];
      uid?: string;
      extra?: Record<string, string[]>;
    };
    allowed: boolean;
    expectedUser?: {
      name: string;
      groups: string[];
      uid: string;
      extra?: Record<string, string[]>;
    };
  }[])
    it(c.name, () => {
      const any = (granted: string, asked: string) => granted === '*' || granted === asked;
      const user = impersonate(c.requestor, c.impersonate, (check) =>
        c.allowedImpersonations.some(
          (g) =>
            g.resource === check.resource &&
            g.apiGroup === check.apiGroup &&
            any(g.subresource, check.subresource) &&
            any(g.namespace, check.namespace) &&
            any(g.name, check.name),
        ),
      );
      expect(user !== undefined).toBe(c.allowed);
      if (user && c.expectedUser) {
        expect({ name: user.name, groups: user.groups, uid: user.uid }).toEqual({
          name: c.expectedUser.name,
          groups: c.expectedUser.groups,
          uid: c.expectedUser.uid,
        });
        expect(user.extra).toEqual(c.expectedUser.extra ?? {});
      }
    });
});

describe('the escalation check compares rules (upstream policy_comparator_test.go)', () => {
  for (const c of data('covers.json').cases as {
    name: string;
    ownerRules: RawRule[];
    servantRules: RawRule[];
    covers: boolean;
    uncoveredRules: RawRule[];
  }[])
    it(c.name, () => {
      const result = covers(c.ownerRules, c.servantRules);
      expect(result.covers).toBe(c.covers);
      expect(result.uncovered).toEqual(c.uncoveredRules.map(rule));
    });
});
