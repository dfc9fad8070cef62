import type { CheckDefinition, Finding } from '../types.ts';
import { own, ownRecord, show } from '../util.ts';
import { BASELINE_REF, finding } from './shared.ts';

const reason = 'probe or lifecycle host';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

export const hostProbesAndHostLifecycle: CheckDefinition = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Host probes / lifecycle hooks',
  description:
    'The host field of probes and lifecycle handlers (httpGet.host, tcpSocket.host) must be ' +
    'unset or empty, so the kubelet cannot be used to reach other hosts (policy v1.34+).',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.containers) {
      const check = (holder: unknown, where: (string | number)[], what: string) => {
        for (const h of HANDLERS) {
          const host = own(ownRecord(holder, h), 'host');
          if (host === undefined || host === null || host === '') continue;
          out.push(
            finding(
              reason,
              `${c.label} sets ${what}.${h}.host to ${show(host)}; leave host empty so the ` +
                "kubelet targets the pod's own IP",
              [...c.path, ...where, h, 'host'],
            ),
          );
        }
      };
      for (const p of PROBES) check(ownRecord(c.value, p), [p], p);
      const lifecycle = ownRecord(c.value, 'lifecycle');
      for (const hook of HOOKS) {
        check(ownRecord(lifecycle, hook), ['lifecycle', hook], `lifecycle.${hook}`);
      }
    }
    return out;
  },
};
