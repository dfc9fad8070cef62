import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'api-insecure-port',
  title: "Use the API server's insecure port",
  description:
    'Old API servers could serve plain HTTP on `--insecure-port` with no authentication and no authorisation. Anyone who reaches it is cluster-admin.',
  references: ['ms:MS-TA9029', 'cis:1.2.19'],
  remediation: 'Set `--insecure-port=0` (the default, and the only value since Kubernetes 1.20).',
  rules(ctx) {
    const s = ctx.model.apiServer.insecurePort;
    ctx.rule(
      [fact.apiReach, ctx.condition(cond.insecurePort, s.value, s.at)],
      fact.perm('admin', '*'),
      [s.at],
    );
  },
};
