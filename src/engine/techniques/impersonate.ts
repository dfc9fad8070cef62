import { request } from '../authz/requests';
import { fact } from '../graph/facts';
import { serviceAccountNames } from './serviceAccounts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'impersonate',
  title: 'Impersonate another user, service account or group',
  description:
    'The `impersonate` verb lets a request act as someone else (`kubectl --as`, `--as-group`). The API server checks each thing impersonated on its own: a user on `users`, a service account on `serviceaccounts` in its namespace, each group on `groups`, and `resourceNames` limits whom. An impersonated user gets `system:authenticated` but none of its groups; a group (such as `system:masters`) needs the right to impersonate that group and a user to impersonate along with it.',
  references: ['kubehound:IDENTITY_IMPERSONATE', 'attack:T1134', 'cis:5.1.8'],
  remediation:
    'Do not grant `impersonate`; where a proxy needs it, restrict it with resourceNames to the users and groups it serves.',
  rules(ctx) {
    // Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go.
    if (!ctx.authorization.mayImpersonate) return;
    const users = new Set<string>();
    const groups = new Set<string>(['system:masters']);
    for (const s of ctx.model.subjects) {
      if (s.startsWith('user:')) users.add(s.slice(5));
      else if (s.startsWith('group:')) groups.add(s.slice(6));
    }
    // Names a rule lists are worth trying even when no binding names them.
    for (const b of ctx.model.rbac.bindings)
      for (const rule of b.role?.rules ?? [])
        if (rule.verbs.some((v) => v === '*' || v === 'impersonate'))
          for (const name of rule.resourceNames) {
            if (rule.resources.some((r) => r === '*' || r === 'users')) users.add(name);
            if (rule.resources.some((r) => r === '*' || r === 'groups')) groups.add(name);
          }
    for (const user of [...users].sort()) {
      const allowed = ctx.can(request('impersonate', 'users', { name: user }));
      ctx.rule([allowed], fact.as(`user:${user}`));
      ctx.rule([allowed], fact.impersonator);
    }
    // Any user at all: whoever it is, it is authenticated.
    const anyone = ctx.can(request('impersonate', 'users'));
    ctx.rule([anyone], fact.group('system:authenticated'));
    ctx.rule([anyone], fact.impersonator);
    for (const { namespace: ns, name } of serviceAccountNames(ctx.model)) {
      const allowed = ctx.can(request('impersonate', 'serviceaccounts', { namespace: ns, name }));
      ctx.rule([allowed], fact.serviceAccount(ns, name));
      ctx.rule([allowed], fact.impersonator);
    }
    // Groups only along with a user (or service account) being impersonated.
    for (const group of [...groups].sort())
      ctx.rule(
        [ctx.can(request('impersonate', 'groups', { name: group })), fact.impersonator],
        fact.group(group),
      );
  },
};
