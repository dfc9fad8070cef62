import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'remote-access-pivot',
  title: 'Get inside through the remote-access service',
  description:
    'A private API endpoint is only reachable from inside: through the VPN or bastion that people use to get there. If that service is compromised (a stolen VPN account, an unpatched appliance), the attacker is inside the network too, and the private endpoint is no longer a barrier.',
  references: ['attack:T1133', 'attack:T1078'],
  remediation:
    'Harden the remote-access service: multi-factor authentication, patching, and short-lived access; treat it as part of the cluster.',
  rules(ctx) {
    const remote = ctx.model.threat.remoteAccess;
    if (remote)
      ctx.rule(
        [fact.at('internet'), ctx.condition(cond.remoteAccessCompromised, false, remote.at)],
        fact.at('corp'),
        [remote.at],
      );
    ctx.rule([fact.at('corp')], fact.apiReach);
  },
};
