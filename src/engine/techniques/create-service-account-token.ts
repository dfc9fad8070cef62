import { fact } from '../graph/facts';
import { request } from '../authz/requests';
import { serviceAccountNames } from './serviceAccounts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'create-service-account-token',
  title: 'Mint a token for a service account',
  description:
    '`create` on `serviceaccounts/token` (the TokenRequest API, `kubectl create token`) issues a fresh token for any service account of the namespace: the attacker becomes it.',
  references: ['kubehound:IDENTITY_ASSUME', 'attack:T1528', 'attack:T1078'],
  remediation:
    'Grant `serviceaccounts/token` only to the components that need it (the kubelet does it for pods).',
  rules(ctx) {
    for (const { namespace: ns, firstPart: name } of serviceAccountNames(ctx.model)) {
      ctx.rule(
        [ctx.can(request('create', 'serviceaccounts/token', { namespace: ns, name }))],
        fact.serviceAccount(ns, name),
      );
    }
  },
};
