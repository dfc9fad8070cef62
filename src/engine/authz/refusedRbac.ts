// The RBAC objects the API server refuses to store, as its validation says (upstream
// pkg/apis/rbac/validation/validation.go: ValidateRole, ValidateClusterRole, ValidateRoleBinding,
// ValidateClusterRoleBinding, ValidatePolicyRule, ValidateRoleBindingSubject), after the
// defaults pkg/apis/rbac/v1/defaults.go fills in (an empty `roleRef.apiGroup`, and a `User` or
// `Group` subject's empty `apiGroup`, become rbac.authorization.k8s.io). `kubectl apply` of such
// an object fails: it grants nothing, and reading it as written showed ways in that no cluster
// has (a ClusterRoleBinding to cluster-admin with `apiGroup: rbac.authorization.k8s.io/v1`).

import { arr, get, getIn, isObj, str, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import type { JsonPath } from '../types';
import { isDnsSubdomain, isPathSegmentName, labelRule } from '../model/names';
import { labelProblems, labelSelectorProblems } from '../model/labelRules';
import { unservedVersion } from '../model/servedVersions';

const rbacGroup = 'rbac.authorization.k8s.io';

/** Why the API server would refuse the object, and where: empty when it would store it. */
export interface Refusal {
  message: string;
  path: JsonPath;
}

export function refusedRbac(o: KubeObject): Refusal[] {
  const problems: Refusal[] = [];
  const unserved = unservedVersion(o.kind, o.apiVersion);
  if (unserved) problems.push({ message: unserved, path: ['apiVersion'] });
  const namespaced = o.kind === 'Role' || o.kind === 'RoleBinding';
  objectMeta(o, namespaced, problems);
  if (o.kind === 'Role' || o.kind === 'ClusterRole') {
    arr(get(o.raw, 'rules')).forEach((rule, i) =>
      policyRule(rule, namespaced, ['rules', i], problems),
    );
    if (o.kind === 'ClusterRole') aggregation(o, problems);
  } else binding(o, problems);
  return problems;
}

/** ValidateObjectMeta with ValidateRBACName (`path.IsValidPathSegmentName`), and the labels. */
function objectMeta(o: KubeObject, namespaced: boolean, problems: Refusal[]): void {
  const name = str(getIn(o.raw, ['metadata', 'name'])) ?? '';
  if (name === '') problems.push({ message: 'metadata.name is required', path: ['metadata'] });
  else if (!isPathSegmentName(name))
    problems.push({
      message: `metadata.name ${JSON.stringify(name)} may not be '.' or '..' nor contain '/' or '%'`,
      path: ['metadata', 'name'],
    });
  const namespace = str(getIn(o.raw, ['metadata', 'namespace']));
  if (namespaced && namespace !== undefined && namespace !== '' && !labelRule.valid(namespace))
    problems.push({
      message: `metadata.namespace ${JSON.stringify(namespace)} is not a valid namespace name (${labelRule.says})`,
      path: ['metadata', 'namespace'],
    });
  labelProblems(getIn(o.raw, ['metadata', 'labels']), ['metadata', 'labels'], (path, message) =>
    problems.push({ message, path }),
  );
}

function policyRule(rule: unknown, namespaced: boolean, at: JsonPath, problems: Refusal[]): void {
  if (!isObj(rule)) return;
  const has = (field: string) => strings(get(rule, field)).length > 0;
  if (!has('verbs')) problems.push({ message: 'a rule must list at least one verb', path: at });
  if (has('nonResourceURLs')) {
    if (namespaced)
      problems.push({
        message: 'a Role (namespaced) cannot grant nonResourceURLs: only a ClusterRole can',
        path: [...at, 'nonResourceURLs'],
      });
    if (has('apiGroups') || has('resources') || has('resourceNames'))
      problems.push({
        message: 'a rule cannot grant both nonResourceURLs and resources',
        path: [...at, 'nonResourceURLs'],
      });
    return;
  }
  if (!has('apiGroups'))
    problems.push({
      message: 'a resource rule must list at least one API group ("" for the core group)',
      path: at,
    });
  if (!has('resources'))
    problems.push({ message: 'a resource rule must list at least one resource', path: at });
}

function aggregation(o: KubeObject, problems: Refusal[]): void {
  const rule = get(o.raw, 'aggregationRule');
  if (rule === undefined || rule === null) return;
  if (arr(get(rule, 'clusterRoleSelectors')).length === 0)
    problems.push({
      message: 'an aggregationRule needs at least one clusterRoleSelector',
      path: ['aggregationRule'],
    });
  arr(get(rule, 'clusterRoleSelectors')).forEach((selector, i) =>
    labelSelectorProblems(
      selector,
      ['aggregationRule', 'clusterRoleSelectors', i],
      (path, message) => problems.push({ message, path }),
    ),
  );
}

function binding(o: KubeObject, problems: Refusal[]): void {
  const cluster = o.kind === 'ClusterRoleBinding';
  const group = str(getIn(o.raw, ['roleRef', 'apiGroup'])) || rbacGroup;
  if (group !== rbacGroup)
    problems.push({
      message: `roleRef.apiGroup must be ${rbacGroup}, not ${JSON.stringify(group)}`,
      path: ['roleRef', 'apiGroup'],
    });
  const kind = str(getIn(o.raw, ['roleRef', 'kind'])) ?? '';
  const kinds = cluster ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (!kinds.includes(kind))
    problems.push({
      message: `roleRef.kind must be ${kinds.join(' or ')}, not ${JSON.stringify(kind)}`,
      path: ['roleRef', 'kind'],
    });
  const name = str(getIn(o.raw, ['roleRef', 'name'])) ?? '';
  if (name === '') problems.push({ message: 'roleRef.name is required', path: ['roleRef'] });
  else if (!isPathSegmentName(name))
    problems.push({
      message: `roleRef.name ${JSON.stringify(name)} may not be '.' or '..' nor contain '/' or '%'`,
      path: ['roleRef', 'name'],
    });
  arr(get(o.raw, 'subjects')).forEach((s, i) => subject(s, cluster, ['subjects', i], problems));
}

function subject(s: unknown, cluster: boolean, at: JsonPath, problems: Refusal[]): void {
  if (!isObj(s)) return;
  const kind = str(get(s, 'kind')) ?? '';
  const name = str(get(s, 'name')) ?? '';
  const apiGroup = str(get(s, 'apiGroup')) ?? '';
  if (name === '') problems.push({ message: 'a subject needs a name', path: at });
  switch (kind) {
    case 'ServiceAccount':
      if (name !== '' && !isDnsSubdomain(name))
        problems.push({
          message: `ServiceAccount ${JSON.stringify(name)} is not a valid service account name`,
          path: [...at, 'name'],
        });
      if (apiGroup !== '')
        problems.push({
          message: `a ServiceAccount subject's apiGroup must be "" (the core group), not ${JSON.stringify(apiGroup)}`,
          path: [...at, 'apiGroup'],
        });
      if (cluster && !str(get(s, 'namespace')))
        problems.push({
          message: 'a ServiceAccount subject of a ClusterRoleBinding needs its namespace',
          path: at,
        });
      return;
    case 'User':
    case 'Group':
      if ((apiGroup || rbacGroup) !== rbacGroup)
        problems.push({
          message: `a ${kind} subject's apiGroup must be ${rbacGroup}, not ${JSON.stringify(apiGroup)}`,
          path: [...at, 'apiGroup'],
        });
      return;
    default:
      problems.push({
        message: `subject kind must be ServiceAccount, User or Group, not ${JSON.stringify(kind)}`,
        path: [...at, 'kind'],
      });
  }
}
