import type { CheckDefinition, Finding } from '../types.ts';
import { items, own, show } from '../util.ts';
import { BASELINE_REF, finding } from './shared.ts';

const reason = 'hostPort';

export const hostPorts: CheckDefinition = {
  id: 'hostPorts',
  level: 'baseline',
  title: 'Host ports',
  description:
    'HostPorts bind a port on the node itself and should be disallowed entirely: ' +
    'ports[*].hostPort must be unset or 0 on every container.',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.containers) {
      for (const [i, port] of items(own(c.value, 'ports'))) {
        const hostPort = own(port, 'hostPort');
        if (hostPort === undefined || hostPort === null || hostPort === 0) continue;
        out.push(
          finding(
            reason,
            `${c.label} uses hostPort ${show(hostPort)}; use a Service instead of binding a port on the node`,
            [...c.path, 'ports', i, 'hostPort'],
          ),
        );
      }
    }
    return out;
  },
};
