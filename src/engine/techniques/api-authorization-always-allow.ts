import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'api-authorization-always-allow',
  title: 'Every request is allowed (AlwaysAllow authorisation)',
  description:
    "With `--authorization-mode=AlwaysAllow` the API server skips authorisation: every authenticated request is allowed, from a leaked kubeconfig, any pod's service-account token or a bootstrap token. (The API server turns anonymous authentication off at start-up in this mode.)",
  references: ['attack:T1078', 'cis:1.2.6', 'cis:1.2.7'],
  remediation: 'Use `--authorization-mode=Node,RBAC`.',
  rules(ctx) {
    const s = ctx.model.apiServer.alwaysAllow;
    ctx.rule(
      [fact.apiReach, fact.authenticated, ctx.condition(cond.alwaysAllow, s.value, s.at)],
      fact.perm('admin', '*'),
      [s.at],
    );
  },
};
