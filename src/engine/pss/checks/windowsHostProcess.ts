import type { CheckDefinition, Finding, JsonPath } from '../types.ts';
import { own, ownRecord } from '../util.ts';
import { BASELINE_REF, POD_SC, finding } from './shared.ts';

const reason = 'hostProcess';

export const windowsHostProcess: CheckDefinition = {
  id: 'windowsHostProcess',
  level: 'baseline',
  title: 'HostProcess',
  description:
    'Windows HostProcess containers get privileged access to the Windows node and are ' +
    'forbidden: securityContext.windowsOptions.hostProcess must be unset or false.',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    const checkSc = (sc: unknown, scAt: JsonPath, who: string) => {
      if (own(ownRecord(sc, 'windowsOptions'), 'hostProcess') !== true) return;
      out.push(
        finding(reason, `${who} must not set securityContext.windowsOptions.hostProcess=true`, [
          ...scAt,
          'windowsOptions',
          'hostProcess',
        ]),
      );
    };
    checkSc(ctx.podSecurityContext, POD_SC, 'pod');
    for (const c of ctx.containers) checkSc(c.securityContext, c.securityContextPath, c.label);
    return out;
  },
};
