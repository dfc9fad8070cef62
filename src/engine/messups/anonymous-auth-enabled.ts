import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate<undefined> = {
  id: 'anonymous-auth-enabled',
  category: 'misconfiguration',
  title: 'Anonymous authentication is turned back on',
  description:
    'An upgrade, a copied manifest or a debugging session sets `--anonymous-auth=true` (the upstream default) on the API server again.',
  references: ['cis:1.2.1'],
  describe: () => 'Someone turns anonymous authentication back on (--anonymous-auth=true)',
  generate(ctx) {
    const s = ctx.model.apiServer.anonymousAuth;
    // While AlwaysAllow holds, kube-apiserver resets --anonymous-auth to false at start-up
    // (pkg/kubeapiserver/options/authentication.go, ApplyAuthorization): turning it on changes nothing.
    if (!s.value && !ctx.model.apiServer.alwaysAllow.value)
      ctx.candidate({
        target: 'api-server',
        about: undefined,
        provides: [cond.anonymousAuth],
        at: [s.at],
      });
  },
};
