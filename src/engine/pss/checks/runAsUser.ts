import type { CheckDefinition, Finding, JsonPath } from '../types.ts';
import { own } from '../util.ts';
import { POD_SC, RESTRICTED_REF, finding } from './shared.ts';

const reason = 'runAsUser=0';

export const runAsUser: CheckDefinition = {
  id: 'runAsUser',
  level: 'restricted',
  title: 'Running as non-root user',
  description:
    'Containers must not run as the root user: securityContext.runAsUser must not be 0 at pod ' +
    'or container level (unset is allowed). Pods in a user namespace (spec.hostUsers: false) ' +
    'are exempt (policy v1.35+).',
  reference: RESTRICTED_REF,
  reason,
  evaluate(ctx, version) {
    if (ctx.inUserNamespace && version >= 35) return [];
    const out: Finding[] = [];
    const checkSc = (sc: unknown, scAt: JsonPath, who: string) => {
      if (own(sc, 'runAsUser') !== 0) return;
      out.push(
        finding(
          reason,
          `${who} must not set securityContext.runAsUser=0 (UID 0 is root); use a non-zero UID`,
          [...scAt, 'runAsUser'],
        ),
      );
    };
    checkSc(ctx.podSecurityContext, POD_SC, 'pod');
    for (const c of ctx.containers) checkSc(c.securityContext, c.securityContextPath, c.label);
    return out;
  },
};
