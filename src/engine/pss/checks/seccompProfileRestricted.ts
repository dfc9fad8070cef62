import type { CheckDefinition, Finding, JsonPath } from '../types.ts';
import { isSet, nearestPath, own } from '../util.ts';
import { POD_SC, RESTRICTED_REF, finding } from './shared.ts';
import { describeSeccomp, seccompReason, validSeccompType } from './seccompShared.ts';

export const seccompProfileRestricted: CheckDefinition = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Seccomp (restricted)',
  description:
    'A seccomp profile must be set explicitly: spec.securityContext.seccompProfile.type (or ' +
    'the same field on every container) must be RuntimeDefault or Localhost. Windows pods ' +
    '(spec.os.name: windows) are exempt (policy v1.25+).',
  reference: RESTRICTED_REF,
  reason: seccompReason,
  evaluate(ctx, version) {
    if (ctx.isWindows && version >= 25) return [];
    const out: Finding[] = [];
    const badExplicit = (sc: unknown, scAt: JsonPath, who: string): boolean => {
      const type = own(own(sc, 'seccompProfile'), 'type');
      if (validSeccompType(type)) return false;
      out.push(
        finding(
          seccompReason,
          `${who} ${describeSeccomp(type)} ` + '(use "RuntimeDefault" or "Localhost")',
          type === undefined || type === null
            ? [...scAt, 'seccompProfile']
            : [...scAt, 'seccompProfile', 'type'],
        ),
      );
      return true;
    };
    const podSet = isSet(ctx.podSecurityContext, 'seccompProfile');
    const podBad = podSet && badExplicit(ctx.podSecurityContext, POD_SC, 'pod');
    const podOk = podSet && !podBad;
    for (const c of ctx.containers) {
      if (isSet(c.securityContext, 'seccompProfile')) {
        badExplicit(c.securityContext, c.securityContextPath, c.label);
      } else if (!podOk && !podBad) {
        out.push(
          finding(
            seccompReason,
            `pod or ${c.label} must set securityContext.seccompProfile.type to "RuntimeDefault" ` +
              'or "Localhost" (set it once at pod level to cover every container)',
            nearestPath(ctx.root, c.path, ['securityContext', 'seccompProfile']),
          ),
        );
      }
    }
    return out;
  },
};
