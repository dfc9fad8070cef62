import { fact } from '../graph/facts';
import { request } from '../authz/requests';
import { serviceAccountNames } from './serviceAccounts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'token-secret-issue',
  title: 'Have a token Secret issued for a service account',
  description:
    'A Secret of type `kubernetes.io/service-account-token` annotated with `kubernetes.io/service-account.name` is filled in by the token controller with a long-lived token for that service account, still in current releases (only auto-generated token Secrets are no longer made, and only those are cleaned up). Whoever may create Secrets in a namespace and read them back becomes any service account of it.',
  references: ['kubehound:IDENTITY_ASSUME', 'kubehound:TOKEN_LIST', 'attack:T1528', 'attack:T1098'],
  remediation:
    'Grant `create` on secrets together with `get`/`list` only to trusted operators; prefer the TokenRequest API and audit Secrets of type service-account-token.',
  rules(ctx) {
    for (const { namespace: ns, firstPart: name } of serviceAccountNames(ctx.model)) {
      // The Secret's name is the attacker's choice: only rules without resourceNames allow
      // creating it, and reading it back by that name (pkg/controller/serviceaccount/tokens_controller.go).
      const create = ctx.can(request('create', 'secrets', { namespace: ns }));
      for (const verb of ['get', 'list'])
        ctx.rule(
          [create, ctx.can(request(verb, 'secrets', { namespace: ns }))],
          fact.serviceAccount(ns, name),
        );
    }
  },
};
