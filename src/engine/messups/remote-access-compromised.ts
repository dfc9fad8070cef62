import { cond } from '../graph/facts';
import type { RemoteAccess } from '../model/types';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate<RemoteAccess> = {
  id: 'remote-access-compromised',
  category: 'assumption',
  title: 'The remote-access service is compromised',
  description:
    'The assumption that only employees get through the VPN or bastion fails: a phished account, a leaked VPN profile or a bug in the appliance lets the attacker in.',
  references: ['attack:T1133'],
  describe: (remote) => `The ${remote.name} (${remote.kind}) is compromised`,
  generate(ctx) {
    const remote = ctx.model.threat.remoteAccess;
    if (remote)
      ctx.candidate({
        target: remote.name,
        about: remote,
        provides: [cond.remoteAccessCompromised],
        at: [remote.at],
      });
  },
};
