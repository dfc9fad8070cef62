import type { CheckDefinition, Finding } from '../types.ts';
import { isSet, nearestPath, own, show } from '../util.ts';
import { RESTRICTED_REF, finding, scPath } from './shared.ts';

const reason = 'allowPrivilegeEscalation != false';

export const allowPrivilegeEscalation: CheckDefinition = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Privilege escalation',
  description:
    'Privilege escalation (e.g. via setuid binaries) must not be allowed: every container must ' +
    'set securityContext.allowPrivilegeEscalation: false explicitly. Windows pods ' +
    '(spec.os.name: windows) are exempt (policy v1.25+).',
  reference: RESTRICTED_REF,
  reason,
  evaluate(ctx, version) {
    if (ctx.isWindows && version >= 25) return [];
    const out: Finding[] = [];
    for (const c of ctx.containers) {
      const value = own(c.securityContext, 'allowPrivilegeEscalation');
      if (value === false) continue;
      const set = isSet(c.securityContext, 'allowPrivilegeEscalation');
      out.push(
        finding(
          reason,
          set
            ? `${c.label} sets securityContext.allowPrivilegeEscalation to ${show(value)}; it must be false`
            : `${c.label} must set securityContext.allowPrivilegeEscalation=false (unset means allowed)`,
          set
            ? scPath(c.path, 'allowPrivilegeEscalation')
            : nearestPath(ctx.root, c.path, ['securityContext', 'allowPrivilegeEscalation']),
        ),
      );
    }
    return out;
  },
};
