// Who a binding's subject is, as the RBAC authorizer matches it (upstream: appliesToUser in
// pkg/registry/rbac/validation/rule.go; the names in
// staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go).

export interface UserInfo {
  name: string;
  groups: readonly string[];
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

const saPrefix = 'system:serviceaccount:';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${saPrefix}${namespace}:${name}`;
}

/** `[namespace, name]` of a service account's user name, or undefined for any other user. */
export function splitServiceAccountUsername(username: string): [string, string] | undefined {
  if (!username.startsWith(saPrefix)) return undefined;
  const parts = username.slice(saPrefix.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return [parts[0]!, parts[1]!];
}

/** The groups the service-account authenticator puts a service account in. */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
}

/**
 * Whether a subject of a binding in `namespace` ('' for a ClusterRoleBinding) names the user.
 * A ServiceAccount subject without a namespace takes the binding's; a `User` subject spelled
 * `system:serviceaccount:<ns>:<name>` is that service account, since RBAC compares user names.
 */
export function appliesTo(subject: Subject, user: UserInfo, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || namespace;
      if (ns === '') return false;
      return user.name === serviceAccountUsername(ns, subject.name);
    }
    default:
      return false;
  }
}
