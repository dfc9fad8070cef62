import type { CheckDefinition } from '../types.ts';
import { RESTRICTED_REF } from './shared.ts';
import { procMountReason, unmaskedProcMounts } from './procMountShared.ts';

export const procMountRestricted: CheckDefinition = {
  id: 'procMount_restricted',
  level: 'restricted',
  title: '/proc mount type (restricted)',
  description:
    'Restricted requires the default /proc masks even for pods in a user namespace: ' +
    'securityContext.procMount must be unset or "Default" (policy v1.35+).',
  reference: RESTRICTED_REF,
  reason: procMountReason,
  evaluate(ctx) {
    return unmaskedProcMounts(
      ctx,
      ' (restricted allows only "Default", even with spec.hostUsers: false)',
    );
  },
};
