import type { CheckDefinition, Finding } from '../types.ts';
import { isSet, items, own, ownRecord, show } from '../util.ts';
import { BASELINE_REF, finding, scPath } from './shared.ts';

const reason = 'non-default capabilities';

/** Capabilities a container may add under baseline (the container runtime's default set). */
export const BASELINE_ALLOWED_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];
const allowed = new Set(BASELINE_ALLOWED_CAPABILITIES);

export const capabilitiesBaseline: CheckDefinition = {
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'Capabilities',
  description:
    'Adding capabilities beyond the default set must be disallowed: ' +
    'securityContext.capabilities.add may only list ' +
    BASELINE_ALLOWED_CAPABILITIES.join(', ') +
    ' (exact, upper-case names without the CAP_ prefix).',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.containers) {
      const caps = ownRecord(c.securityContext, 'capabilities');
      if (!caps) continue;
      const add = own(caps, 'add');
      if (isSet(caps, 'add') && !Array.isArray(add)) {
        out.push(
          finding(
            reason,
            `${c.label} has a securityContext.capabilities.add that is not a list (${show(add)})`,
            scPath(c.path, 'capabilities', 'add'),
          ),
        );
        continue;
      }
      for (const [i, cap] of items(add)) {
        if (typeof cap === 'string' && allowed.has(cap)) continue;
        out.push(
          finding(
            reason,
            `${c.label} must not include ${show(cap)} in securityContext.capabilities.add ` +
              '(baseline only allows the default capability set)',
            scPath(c.path, 'capabilities', 'add', i),
          ),
        );
      }
    }
    return out;
  },
};
