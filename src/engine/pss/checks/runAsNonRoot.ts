import type { CheckDefinition, Finding } from '../types.ts';
import { isSet, nearestPath, own, show } from '../util.ts';
import { POD_SC, RESTRICTED_REF, finding, scPath } from './shared.ts';

const reason = 'runAsNonRoot != true';

export const runAsNonRoot: CheckDefinition = {
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'Running as non-root',
  description:
    'Containers must be required to run as non-root users: set ' +
    'spec.securityContext.runAsNonRoot: true, or runAsNonRoot: true on every container; ' +
    'false is never allowed. Pods in a user namespace (spec.hostUsers: false) are exempt ' +
    '(policy v1.35+).',
  reference: RESTRICTED_REF,
  reason,
  evaluate(ctx, version) {
    if (ctx.inUserNamespace && version >= 35) return [];
    const out: Finding[] = [];
    const podSc = ctx.podSecurityContext;
    const podValue = own(podSc, 'runAsNonRoot');
    const podSet = isSet(podSc, 'runAsNonRoot');
    const podOk = podValue === true;
    if (podSet && !podOk) {
      out.push(
        finding(
          reason,
          `pod must not set securityContext.runAsNonRoot to ${show(podValue)}; set it to true`,
          [...POD_SC, 'runAsNonRoot'],
        ),
      );
    }
    for (const c of ctx.containers) {
      const value = own(c.securityContext, 'runAsNonRoot');
      if (isSet(c.securityContext, 'runAsNonRoot')) {
        if (value !== true) {
          out.push(
            finding(
              reason,
              `${c.label} must not set securityContext.runAsNonRoot to ${show(value)}; set it to true`,
              scPath(c.path, 'runAsNonRoot'),
            ),
          );
        }
      } else if (!podOk && !podSet) {
        // Only reported when the pod level is unset: a wrong pod-level value is the one fix.
        out.push(
          finding(
            reason,
            `pod or ${c.label} must set securityContext.runAsNonRoot=true ` +
              '(set it once at pod level to cover every container)',
            nearestPath(ctx.root, c.path, ['securityContext', 'runAsNonRoot']),
          ),
        );
      }
    }
    return out;
  },
};
