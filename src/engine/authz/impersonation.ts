// Impersonation as the API server checks it (upstream:
// staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): each thing
// impersonated is its own `impersonate` request for the requesting user (a user on `users`, a
// service account on `serviceaccounts` in its namespace, each group on `groups`, each extra
// value on `userextras/<key>`, a uid on `uids`); groups, extras or a uid without a user are
// refused; the impersonated user gets `system:authenticated` (or, for `system:anonymous`,
// `system:unauthenticated`) and only the groups asked for.

import { serviceAccountGroups, splitServiceAccountUsername, type UserInfo } from './subjects';

export interface ImpersonationHeaders {
  user?: string;
  groups?: readonly string[];
  uid?: string;
  /** By the header's key as sent (`Impersonate-Extra-<key>`): lower-cased and unescaped here. */
  extra?: Readonly<Record<string, readonly string[]>>;
}

/** One `impersonate` request the API server authorizes for the requesting user. */
export interface ImpersonationCheck {
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export interface ImpersonatedUser extends UserInfo {
  uid: string;
  extra: Record<string, string[]>;
}

const authn = 'authentication.k8s.io';

/** An extra's key as the filter reads it: percent-escapes decoded, a malformed one kept as sent. */
export function extraKey(sent: string): string {
  const lower = sent.toLowerCase();
  try {
    return decodeURIComponent(lower);
  } catch {
    return lower;
  }
}

/**
 * The user a request acts as, or undefined when the API server refuses it. `allowed` is the
 * authorizer's answer for one check.
 */
export function impersonate(
  requestor: UserInfo,
  headers: ImpersonationHeaders,
  allowed: (check: ImpersonationCheck) => boolean,
): ImpersonatedUser | undefined {
  const groupsAsked = headers.groups ?? [];
  const extraAsked = Object.entries(headers.extra ?? {});
  const uidAsked = headers.uid ?? '';
  if (!headers.user) {
    if (groupsAsked.length > 0 || extraAsked.length > 0 || uidAsked !== '') return undefined;
    return { name: requestor.name, groups: [...requestor.groups], uid: '', extra: {} };
  }
  const check = (c: Partial<ImpersonationCheck> & { resource: string }) =>
    allowed({ apiGroup: '', subresource: '', namespace: '', name: '', ...c });

  let groups: string[] = [];
  const sa = splitServiceAccountUsername(headers.user);
  if (sa) {
    if (!check({ resource: 'serviceaccounts', namespace: sa[0], name: sa[1] })) return undefined;
    if (groupsAsked.length === 0) groups = serviceAccountGroups(sa[0]);
  } else if (!check({ resource: 'users', name: headers.user })) return undefined;
  for (const g of groupsAsked) {
    if (!check({ resource: 'groups', name: g })) return undefined;
    groups.push(g);
  }
  const extra: Record<string, string[]> = {};
  for (const [sent, values] of extraAsked) {
    const key = extraKey(sent);
    for (const value of values) {
      if (!check({ apiGroup: authn, resource: 'userextras', subresource: key, name: value }))
        return undefined;
      (extra[key] ??= []).push(value);
    }
  }
  if (uidAsked !== '' && !check({ apiGroup: authn, resource: 'uids', name: uidAsked }))
    return undefined;

  if (headers.user !== 'system:anonymous') {
    if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated'))
      groups.push('system:authenticated');
  } else if (!groups.includes('system:unauthenticated')) groups.push('system:unauthenticated');
  return { name: headers.user, groups, uid: uidAsked, extra };
}
