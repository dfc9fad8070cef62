// The RBAC objects of a cluster, resolved: roles with their (aggregated) rules, bindings with
// their subjects and role, and the bootstrap policy every API server creates at start-up.

import { arr, get, getIn, isObj, str, stringMap, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { objectRef } from '../manifests/document';
import { locate, ref, type SourceRef } from '../manifests/locate';
import type { GroundingMemo } from '../model/types';
import type { Diagnostic } from '../types';
import { aggregateClusterRoles } from './aggregation';
import { matchesSelector } from '../model/selectors';
import { bootstrapObjects, isBuiltin } from './bootstrap';
import { RbacIndex } from './authorizer';
import { LayeredMap } from './layeredMap';
import { refusedRbac } from './refusedRbac';
import type { PolicyRule } from './rules';
import { splitServiceAccountUsername, type Subject } from './subjects';

/** `user:<name>`, `group:<name>` or `sa:<namespace>:<name>`: how the attack graph names identities. */
export type SubjectKey = string;

export interface RbacRule extends PolicyRule {
  /** Where the rule is written: a line of the input, or of the built-in policy. */
  at: SourceRef;
}

export interface RbacRole {
  kind: 'Role' | 'ClusterRole';
  /** Empty for a ClusterRole. */
  namespace: string;
  name: string;
  labels: Map<string, string>;
  /** `aggregationRule.clusterRoleSelectors`, when the role is aggregated. */
  aggregation?: readonly unknown[];
  rules: RbacRule[];
  object: KubeObject;
  builtin: boolean;
}

export interface RbacSubject {
  subject: Subject;
  key: SubjectKey;
  at: SourceRef;
}

export interface RbacBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  /** Empty for a ClusterRoleBinding: it grants in every namespace and on cluster-scoped objects. */
  namespace: string;
  name: string;
  /** `Kind ns/name`, the way messages and conditions name it. */
  id: string;
  roleRef: { kind: string; name: string };
  /** The role it refers to; undefined while that role does not exist (it grants nothing). */
  role: RbacRole | undefined;
  subjects: RbacSubject[];
  object: KubeObject;
  builtin: boolean;
  /** The graph's facts for its subjects, kept while the binding is (see graph/facts.ts). */
  facts: GroundingMemo;
}

export interface RbacModel {
  /** By `ClusterRole:<name>` and `Role:<namespace>/<name>`. */
  roles: ReadonlyMap<string, RbacRole>;
  bindings: readonly RbacBinding[];
  index: RbacIndex;
  /**
   * The bootstrap policy's bindings as resolved once, shared by every model that leaves them
   * as they are (`bindings` then starts with them): what is worked out from them alone can be
   * kept for the next analysis.
   */
  bootstrap?: readonly RbacBinding[];
}

export interface RbacOptions {
  /** The RBAC objects the API server creates at start-up (default true). */
  bootstrapPolicy: boolean;
  /**
   * The objects are as an API server stored them, so its validation is not applied again
   * (upstream's authorizer and aggregation tests build such objects directly, leaving out
   * fields the API server would require: test/authz/conformance).
   */
  stored?: boolean;
}

export function roleKey(kind: string, namespace: string, name: string): string {
  return kind === 'Role' ? `Role:${namespace}/${name}` : `ClusterRole:${name}`;
}

/** The graph's name for a binding subject; undefined for a kind RBAC does not know. */
export function subjectKeyOf(subject: Subject, bindingNamespace: string): SubjectKey | undefined {
  switch (subject.kind) {
    case 'User': {
      // RBAC compares user names, so this User is the service account of that name.
      const sa = splitServiceAccountUsername(subject.name);
      return sa ? `sa:${sa[0]}:${sa[1]}` : `user:${subject.name}`;
    }
    case 'Group':
      return `group:${subject.name}`;
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return ns ? `sa:${ns}:${subject.name}` : undefined;
    }
    default:
      return undefined;
  }
}

function readRules(o: KubeObject): RbacRule[] {
  return arr(get(o.raw, 'rules')).map((r, i) => ({
    verbs: strings(get(r, 'verbs')),
    apiGroups: strings(get(r, 'apiGroups')),
    resources: strings(get(r, 'resources')),
    resourceNames: strings(get(r, 'resourceNames')),
    nonResourceURLs: strings(get(r, 'nonResourceURLs')),
    at: ref(o, ['rules', i]),
  }));
}

const objectKey = (o: KubeObject) => `${o.kind}:${o.namespace ?? ''}/${o.name}`;

/**
 * What reading a built-in object gives never changes: read once and shared by every analysis
 * (aggregation writes a role's new rules into a new list, never into the shared one).
 */
const builtinReads = new WeakMap<
  KubeObject,
  { rules: RbacRule[]; labels: Map<string, string>; subjects?: RbacSubject[] }
>();

function readOnce(o: KubeObject) {
  let read = builtinReads.get(o);
  if (!read) {
    read = { rules: readRules(o), labels: stringMap(getIn(o.raw, ['metadata', 'labels'])) };
    if (isBuiltin(o)) builtinReads.set(o, read);
  }
  return read;
}

const rbacKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Roles and bindings read from `objects`; bindings may also refer to the roles of `base`. */
function resolve(
  objects: readonly KubeObject[],
  base: ReadonlyMap<string, RbacRole> | undefined,
  diagnostics: Diagnostic[],
  refusedRoles: ReadonlySet<string> = new Set(),
): { roles: Map<string, RbacRole>; bindings: RbacBinding[] } {
  const roles = new Map<string, RbacRole>();
  const clusterRoles: RbacRole[] = [];
  for (const o of objects) {
    if (o.kind !== 'Role' && o.kind !== 'ClusterRole') continue;
    const namespace = o.kind === 'Role' ? (o.namespace ?? 'default') : '';
    const selectors = getIn(o.raw, ['aggregationRule', 'clusterRoleSelectors']);
    const read = readOnce(o);
    const role: RbacRole = {
      kind: o.kind,
      namespace,
      name: o.name,
      labels: read.labels,
      // Only ClusterRoles aggregate; the API server rejects an aggregationRule elsewhere.
      aggregation:
        o.kind === 'ClusterRole' && Array.isArray(selectors) ? [...arr(selectors)] : undefined,
      rules: read.rules,
      object: o,
      builtin: isBuiltin(o),
    };
    roles.set(roleKey(o.kind, namespace, o.name), role);
    if (o.kind === 'ClusterRole') clusterRoles.push(role);
  }
  aggregateClusterRoles(clusterRoles);

  const bindings: RbacBinding[] = [];
  for (const o of objects) {
    if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') continue;
    const namespace = o.kind === 'RoleBinding' ? (o.namespace ?? 'default') : '';
    const roleRef = {
      kind: str(getIn(o.raw, ['roleRef', 'kind'])) ?? '',
      name: str(getIn(o.raw, ['roleRef', 'name'])) ?? '',
    };
    const key = roleKey(roleRef.kind, namespace, roleRef.name);
    // A ClusterRoleBinding may refer to a ClusterRole only.
    const role =
      o.kind === 'ClusterRoleBinding' && roleRef.kind !== 'ClusterRole'
        ? undefined
        : (roles.get(key) ?? base?.get(key));
    const builtin = isBuiltin(o);
    if (!role && !builtin)
      diagnostics.push({
        severity: 'warning',
        message: `${objectRef(o)} refers to ${roleRef.kind || 'a role'} ${roleRef.name || '(no name)'}, which ${refusedRoles.has(key) ? 'the API server would refuse' : 'is not in the manifests'}: it grants nothing here`,
        file: o.doc.file,
        line: o.doc.startLine,
        column: 1,
      });
    const subjects = builtin
      ? (readOnce(o).subjects ??= readSubjects(o, namespace))
      : readSubjects(o, namespace);
    bindings.push({
      kind: o.kind,
      namespace,
      name: o.name,
      id: objectRef(o),
      roleRef,
      role,
      subjects,
      object: o,
      builtin,
      facts: { table: -1, entries: [] },
    });
  }
  return { roles, bindings };
}

interface Builtin {
  roles: Map<string, RbacRole>;
  bindings: RbacBinding[];
  index: RbacIndex;
  /** `Kind:ns/name` of every built-in object: one of the input with the same name replaces it. */
  keys: Set<string>;
  /** The selectors of the built-in aggregated roles (`admin`, `edit`, `view`...). */
  selectors: unknown[];
}

let builtin: Builtin | undefined;

/** The bootstrap policy resolved and indexed once: most inputs leave it as it is. */
function resolvedBuiltin(): Builtin {
  if (builtin) return builtin;
  const objects = bootstrapObjects();
  const { roles, bindings } = resolve(objects, undefined, []);
  const selectors: unknown[] = [];
  for (const r of roles.values()) if (r.aggregation) selectors.push(...r.aggregation);
  builtin = {
    roles,
    bindings,
    index: new RbacIndex(bindings),
    keys: new Set(objects.map(objectKey)),
    selectors,
  };
  return builtin;
}

export function readRbac(
  input: readonly KubeObject[],
  options: RbacOptions,
): { rbac: RbacModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const refusedRoles = new Set<string>();
  const objects = input.filter((o) => {
    if (!rbacKinds.has(o.kind)) return false;
    if (options.stored || !refused(o, diagnostics)) return true;
    if (o.kind === 'Role' || o.kind === 'ClusterRole')
      refusedRoles.add(
        roleKey(o.kind, o.kind === 'Role' ? (o.namespace ?? 'default') : '', o.name),
      );
    return false;
  });
  if (!options.bootstrapPolicy) {
    const { roles, bindings } = resolve(objects, undefined, diagnostics, refusedRoles);
    return { rbac: { roles, bindings, index: new RbacIndex(bindings) }, diagnostics };
  }
  const base = resolvedBuiltin();
  // The built-in objects stay as resolved once unless the input replaces one, or brings a
  // ClusterRole that aggregates or that a built-in aggregated role would take rules from.
  const untouched = objects.every(
    (o) =>
      !base.keys.has(objectKey(o)) &&
      !(
        o.kind === 'ClusterRole' &&
        (getIn(o.raw, ['aggregationRule']) !== undefined ||
          base.selectors.some((sel) => matchesSelector(sel, readOnce(o).labels)))
      ),
  );
  if (untouched) {
    const { roles: own, bindings } = resolve(objects, base.roles, diagnostics, refusedRoles);
    // The base's roles and bindings are read through, not copied per analysis.
    const index = new RbacIndex(bindings, base.index);
    return {
      rbac: {
        roles: new LayeredMap(base.roles, own),
        bindings: index.bindings,
        index,
        bootstrap: base.bindings,
      },
      diagnostics,
    };
  }
  // An object of the input with the name of a built-in one replaces it (a cluster dump
  // carries the built-in objects, labelled `kubernetes.io/bootstrapping: rbac-defaults`).
  const given = new Set(objects.map(objectKey));
  const all = [...objects];
  for (const o of bootstrapObjects()) if (!given.has(objectKey(o))) all.push(o);
  const { roles, bindings } = resolve(all, undefined, diagnostics, refusedRoles);
  return { rbac: { roles, bindings, index: new RbacIndex(bindings) }, diagnostics };
}

/** An object the API server would not store grants nothing: said as an error where it is wrong. */
function refused(o: KubeObject, diagnostics: Diagnostic[]): boolean {
  if (isBuiltin(o)) return false;
  const problems = refusedRbac(o);
  for (const p of problems)
    diagnostics.push({
      severity: 'error',
      message: `${objectRef(o)}: the API server would refuse it (${p.message}), so it grants nothing`,
      ...locate(o, p.path),
    });
  return problems.length > 0;
}

function readSubjects(o: KubeObject, namespace: string): RbacSubject[] {
  const subjects: RbacSubject[] = [];
  arr(get(o.raw, 'subjects')).forEach((s, i) => {
    if (!isObj(s)) return;
    const subject: Subject = {
      kind: str(get(s, 'kind')) ?? '',
      name: str(get(s, 'name')) ?? '',
      namespace: str(get(s, 'namespace')),
    };
    const key = subjectKeyOf(subject, namespace);
    if (key) subjects.push({ subject, key, at: ref(o, ['subjects', i]) });
  });
  return subjects;
}
