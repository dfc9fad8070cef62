import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'anonymous-authentication',
  title: 'Talk to the API server without credentials',
  description:
    'With anonymous authentication on, a request without credentials is not rejected: it runs as the user `system:anonymous` in the group `system:unauthenticated`. Least-privilege RBAC keeps that harmless, until one binding grants those subjects something.',
  references: ['attack:T1078.001', 'ms:MS-TA9029', 'cis:1.2.1'],
  remediation:
    'Start the API server with `--anonymous-auth=false`, or allow anonymous requests only to health endpoints with an AuthenticationConfiguration.',
  rules(ctx) {
    const s = ctx.model.apiServer.anonymousAuth;
    const on = ctx.condition(cond.anonymousAuth, s.value, s.at);
    ctx.rule([fact.apiReach, on], fact.as('user:system:anonymous'), [s.at]);
    ctx.rule([fact.apiReach, on], fact.group('system:unauthenticated'), [s.at]);
  },
};
