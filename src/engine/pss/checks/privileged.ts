import type { CheckDefinition, Finding } from '../types.ts';
import { own } from '../util.ts';
import { BASELINE_REF, finding, scPath } from './shared.ts';

const reason = 'privileged';

export const privileged: CheckDefinition = {
  id: 'privileged',
  level: 'baseline',
  title: 'Privileged containers',
  description:
    'Privileged containers disable most security mechanisms and get access to all host ' +
    'devices; securityContext.privileged must be unset or false on every container.',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.containers) {
      if (own(c.securityContext, 'privileged') === true) {
        out.push(
          finding(
            reason,
            `${c.label} must not set securityContext.privileged=true (a privileged container is ` +
              'effectively root on the node)',
            scPath(c.path, 'privileged'),
          ),
        );
      }
    }
    return out;
  },
};
