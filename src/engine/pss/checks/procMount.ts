import type { CheckDefinition } from '../types.ts';
import { BASELINE_REF } from './shared.ts';
import { procMountReason, unmaskedProcMounts } from './procMountShared.ts';

export const procMount: CheckDefinition = {
  id: 'procMount',
  level: 'baseline',
  title: '/proc mount type',
  description:
    'The default /proc masks reduce attack surface and are required: securityContext.procMount ' +
    'must be unset or "Default" — unless the pod runs in a user namespace (spec.hostUsers: ' +
    'false), where baseline allows any value (policy v1.35+).',
  reference: BASELINE_REF,
  reason: procMountReason,
  evaluate(ctx, version) {
    if (ctx.inUserNamespace && version >= 35) return [];
    return unmaskedProcMounts(
      ctx,
      ' (an unmasked /proc is only allowed for pods with spec.hostUsers: false)',
    );
  },
};
