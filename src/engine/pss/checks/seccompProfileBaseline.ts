import type { CheckDefinition, Finding, JsonPath } from '../types.ts';
import { isSet, own } from '../util.ts';
import { BASELINE_REF, POD_SC, finding } from './shared.ts';
import { describeSeccomp, seccompReason, validSeccompType } from './seccompShared.ts';

export const seccompProfileBaseline: CheckDefinition = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp',
  description:
    'Seccomp must not be explicitly disabled: when securityContext.seccompProfile is set (pod or ' +
    'container), its type must be RuntimeDefault or Localhost — "Unconfined" is forbidden. ' +
    '(Since policy v1.19 only the fields are checked, not the legacy seccomp annotations.)',
  reference: BASELINE_REF,
  reason: seccompReason,
  evaluate(ctx) {
    const out: Finding[] = [];
    const checkSc = (sc: unknown, scAt: JsonPath, who: string) => {
      if (!isSet(sc, 'seccompProfile')) return;
      const type = own(own(sc, 'seccompProfile'), 'type');
      if (validSeccompType(type)) return;
      out.push(
        finding(
          seccompReason,
          `${who} ${describeSeccomp(type)} ` + '(use "RuntimeDefault" or "Localhost")',
          type === undefined || type === null
            ? [...scAt, 'seccompProfile']
            : [...scAt, 'seccompProfile', 'type'],
        ),
      );
    };
    checkSc(ctx.podSecurityContext, POD_SC, 'pod');
    for (const c of ctx.containers) checkSc(c.securityContext, c.securityContextPath, c.label);
    return out;
  },
};
