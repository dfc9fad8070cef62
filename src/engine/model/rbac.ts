import { arr, get, getIn, isObj, str, stringMap, strings } from '../manifests/access';
import { append } from '../append';
import type { KubeObject } from '../manifests/document';
import { objectRef } from '../manifests/document';
import { ref } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { matchesSelector } from './selectors';
import type { Ability, Grant, RoleInfo, SubjectKey } from './types';

const RBAC = 'rbac.authorization.k8s.io';

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  /** Where the rule is written; built-in roles have none. */
  object?: KubeObject;
  path: (string | number)[];
}

interface RoleDef {
  rules: Rule[];
  object?: KubeObject;
  aggregation?: unknown[];
  labels: Map<string, string>;
  /** Each ability the rules give and the first rule giving it, per scope (namespace, cluster). */
  abilities?: [Map<Ability, Rule>?, Map<Ability, Rule>?];
}

/** What a role's rules allow, worked out once per role and scope: many bindings share a role. */
function abilitiesOf(role: RoleDef, clusterScope: boolean): Map<Ability, Rule> {
  const memo = (role.abilities ??= []);
  const i = clusterScope ? 1 : 0;
  let found = memo[i];
  if (!found) {
    found = new Map();
    for (const rule of role.rules)
      for (const a of abilitiesOfRule(rule, clusterScope)) if (!found.has(a)) found.set(a, rule);
    memo[i] = found;
  }
  return found;
}

/** `edit`: workloads, their shells and secrets in a namespace (admin adds roles and bindings). */
const editRules: Omit<Rule, 'path'>[] = [
  {
    verbs: ['*'],
    apiGroups: [''],
    resources: [
      'pods',
      'pods/exec',
      'pods/attach',
      'secrets',
      'serviceaccounts',
      'serviceaccounts/token',
    ],
    resourceNames: [],
  },
  { verbs: ['*'], apiGroups: ['apps', 'batch'], resources: ['*'], resourceNames: [] },
];

/** The ClusterRoles every cluster has, in the terms that matter here (see docs/engine.md). */
const builtinClusterRoles: Record<string, Omit<Rule, 'path'>[]> = {
  'cluster-admin': [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [] }],
  admin: [
    ...editRules,
    {
      verbs: ['create', 'update', 'patch', 'delete', 'get', 'list', 'watch'],
      apiGroups: [RBAC],
      resources: ['roles', 'rolebindings'],
      resourceNames: [],
    },
  ],
  edit: editRules,
  view: [
    {
      verbs: ['get', 'list', 'watch'],
      apiGroups: ['', 'apps', 'batch'],
      resources: ['pods', 'services', 'deployments', 'configmaps'],
      resourceNames: [],
    },
  ],
};

/** Which (group, resource, verbs) give each ability. Cluster-scoped ones need a ClusterRoleBinding. */
const abilityChecks: {
  ability: Ability;
  clusterOnly?: boolean;
  any: [string, string, string[]][];
}[] = [
  {
    ability: 'create-pods',
    any: [
      // Changing a controller's pod template creates pods with whatever spec it says.
      ['', 'pods', ['create']],
      ['', 'replicationcontrollers', ['create', 'patch', 'update']],
      ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map(
        (r): [string, string, string[]] => ['apps', r, ['create', 'patch', 'update']],
      ),
      ['batch', 'jobs', ['create']],
      ['batch', 'cronjobs', ['create', 'patch', 'update']],
    ],
  },
  { ability: 'exec', any: [['', 'pods/exec', ['create', 'get']]] },
  { ability: 'attach', any: [['', 'pods/attach', ['create', 'get']]] },
  { ability: 'list-secrets', any: [['', 'secrets', ['list', 'watch']]] },
  { ability: 'create-token', any: [['', 'serviceaccounts/token', ['create']]] },
  // The API server checks `bind` on the kind the new binding refers to, in the binding's
  // namespace: `bind` on clusterroles binds cluster-admin, `bind` on roles only existing Roles.
  { ability: 'bind', any: [[RBAC, 'clusterroles', ['bind']]] },
  { ability: 'bind-roles', any: [[RBAC, 'roles', ['bind']]] },
  {
    ability: 'escalate',
    any: [
      [RBAC, 'roles', ['escalate']],
      [RBAC, 'clusterroles', ['escalate']],
    ],
  },
  { ability: 'create-bindings', any: [[RBAC, 'rolebindings', ['create', 'update', 'patch']]] },
  // A namespaced grant never applies to cluster-scoped objects such as ClusterRoleBindings.
  {
    ability: 'create-cluster-bindings',
    clusterOnly: true,
    any: [[RBAC, 'clusterrolebindings', ['create', 'update', 'patch']]],
  },
  {
    ability: 'impersonate',
    clusterOnly: true,
    any: [
      ['', 'users', ['impersonate']],
      ['', 'groups', ['impersonate']],
      ['', 'serviceaccounts', ['impersonate']],
    ],
  },
  { ability: 'patch-pods', any: [['', 'pods', ['patch', 'update']]] },
  { ability: 'patch-nodes', clusterOnly: true, any: [['', 'nodes', ['patch', 'update']]] },
  { ability: 'nodes-proxy', clusterOnly: true, any: [['', 'nodes/proxy', ['get', 'create']]] },
];

function allows(
  rule: Rule,
  group: string,
  resource: string,
  verbs: string[],
  named: boolean,
): boolean {
  if (!named && rule.resourceNames.length > 0) return false;
  if (!rule.apiGroups.includes('*') && !rule.apiGroups.includes(group)) return false;
  const slash = resource.indexOf('/');
  const anySub = slash === -1 ? undefined : `${resource.slice(0, slash)}/*`;
  const resourceOk = rule.resources.some((r) => r === '*' || r === resource || r === anySub);
  if (!resourceOk) return false;
  return rule.verbs.includes('*') || verbs.some((v) => rule.verbs.includes(v));
}

export function abilitiesOfRule(rule: Rule, clusterScope: boolean): Ability[] {
  if (
    rule.verbs.includes('*') &&
    rule.apiGroups.includes('*') &&
    rule.resources.includes('*') &&
    rule.resourceNames.length === 0
  )
    return ['admin'];
  const out: Ability[] = [];
  for (const check of abilityChecks) {
    if (check.clusterOnly && !clusterScope) continue;
    if (check.any.some(([g, r, v]) => allows(rule, g, r, v, check.ability === 'impersonate')))
      out.push(check.ability);
  }
  // `get` on secrets without names lets an attacker fetch token secrets whose names it can guess.
  if (allows(rule, '', 'secrets', ['get'], false)) out.push('get-secrets');
  return out;
}

function readRules(object: KubeObject): Rule[] {
  return arr(get(object.raw, 'rules')).map((r, i) => ({
    verbs: strings(get(r, 'verbs')),
    apiGroups: strings(get(r, 'apiGroups')),
    resources: strings(get(r, 'resources')),
    resourceNames: strings(get(r, 'resourceNames')),
    object,
    path: ['rules', i],
  }));
}

export interface RbacResult {
  grants: Grant[];
  roles: RoleInfo[];
  subjects: Set<SubjectKey>;
  diagnostics: Diagnostic[];
}

export function subjectKey(
  kind: string,
  name: string,
  namespace: string | undefined,
): SubjectKey | undefined {
  if (kind === 'User') return `user:${name}`;
  if (kind === 'Group') return `group:${name}`;
  if (kind === 'ServiceAccount' && namespace) return `sa:${namespace}:${name}`;
  return undefined;
}

/**
 * The built-in roles as definitions, shared by every analysis: nothing changes them (only
 * roles with an aggregation rule gain rules, and built-in ones have none).
 */
const builtinRoles: [string, RoleDef][] = Object.entries(builtinClusterRoles).map(
  ([name, rules]) => [
    `ClusterRole:${name}`,
    { rules: rules.map((r) => ({ ...r, path: [] })), labels: new Map() },
  ],
);

export function readRbac(objects: readonly KubeObject[]): RbacResult {
  const roles = new Map<string, RoleDef>(builtinRoles);
  for (const o of objects) {
    if (o.kind === 'Role' || o.kind === 'ClusterRole') {
      const key =
        o.kind === 'Role' ? `Role:${o.namespace ?? 'default'}/${o.name}` : `ClusterRole:${o.name}`;
      const aggregation = arr(getIn(o.raw, ['aggregationRule', 'clusterRoleSelectors']));
      roles.set(key, {
        rules: readRules(o),
        object: o,
        aggregation: aggregation.length ? [...aggregation] : undefined,
        labels: stringMap(getIn(o.raw, ['metadata', 'labels'])),
      });
    }
  }
  // Aggregated ClusterRoles take the rules of every ClusterRole their selectors match.
  for (const [key, role] of roles) {
    if (!role.aggregation) continue;
    for (const [otherKey, other] of roles) {
      if (otherKey === key || !otherKey.startsWith('ClusterRole:') || other.aggregation) continue;
      if (role.aggregation.some((sel) => matchesSelector(sel, other.labels)))
        append(role.rules, other.rules);
    }
  }

  const roleInfos: RoleInfo[] = [];
  for (const [key, role] of roles) {
    if (!key.startsWith('Role:') || !role.object) continue;
    roleInfos.push({
      namespace: role.object.namespace ?? 'default',
      name: role.object.name,
      abilities: [...abilitiesOf(role, false).keys()],
      at: ref(role.object, ['rules']),
    });
  }

  const grants: Grant[] = [];
  const subjects = new Set<SubjectKey>();
  const diagnostics: Diagnostic[] = [];
  for (const o of objects) {
    if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') continue;
    const ns = o.kind === 'RoleBinding' ? (o.namespace ?? 'default') : undefined;
    const roleKind = str(getIn(o.raw, ['roleRef', 'kind'])) ?? '';
    const roleName = str(getIn(o.raw, ['roleRef', 'name'])) ?? '';
    const roleKey =
      roleKind === 'Role' ? `Role:${ns ?? 'default'}/${roleName}` : `ClusterRole:${roleName}`;
    const role = roles.get(roleKey);
    if (!role) {
      diagnostics.push({
        severity: 'warning',
        message: `${objectRef(o)} refers to ${roleKind || 'a role'} ${roleName || '(no name)'}, which is not in the manifests: it grants nothing here`,
        file: o.doc.file,
        line: o.doc.startLine,
        column: 1,
      });
      continue;
    }
    const scope = ns ?? '*';
    const abilitySet = abilitiesOf(role, scope === '*');
    // `get` narrowed to named secrets reads exactly those: scope `<namespace>/<name>`.
    const namedSecrets = ns
      ? role.rules
          .filter(
            (rule) => rule.resourceNames.length > 0 && allows(rule, '', 'secrets', ['get'], true),
          )
          .flatMap((rule) => rule.resourceNames.map((name) => `${ns}/${name}`))
      : [];
    arr(get(o.raw, 'subjects')).forEach((s, i) => {
      if (!isObj(s)) return;
      const kind = str(get(s, 'kind')) ?? '';
      const name = str(get(s, 'name')) ?? '';
      const key = subjectKey(kind, name, str(get(s, 'namespace')) ?? ns);
      if (!key) return;
      subjects.add(key);
      for (const ability of abilitySet.keys()) {
        grants.push({
          subject: key,
          ability,
          scope,
          binding: objectRef(o),
          role: roleName,
          at: ref(o, ['subjects', i]),
        });
      }
      for (const secret of namedSecrets) {
        grants.push({
          subject: key,
          ability: 'get-secrets',
          scope: secret,
          binding: objectRef(o),
          role: roleName,
          at: ref(o, ['subjects', i]),
        });
      }
    });
  }
  return { grants, roles: roleInfos, subjects, diagnostics };
}
