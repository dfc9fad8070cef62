import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate = {
  id: 'kubelet-misconfigured',
  category: 'misconfiguration',
  title: "A kubelet's API is opened",
  description:
    'A node image or bootstrap script ships a kubelet configuration with anonymous authentication, AlwaysAllow authorisation or the read-only port.',
  references: ['cis:4.2.1', 'cis:4.2.2', 'cis:4.2.4'],
  generate(ctx) {
    const k = ctx.model.kubelet;
    const nodes = ctx.model.nodes;
    if (!k.anonymousAuth.value)
      ctx.candidate({
        target: 'anonymous',
        title: 'Someone turns on anonymous authentication on the kubelets',
        provides: nodes.map(cond.kubeletAnonymous),
        at: [k.anonymousAuth.at],
      });
    if (!k.alwaysAllow.value)
      ctx.candidate({
        target: 'always-allow',
        title: 'Someone sets the kubelets to AlwaysAllow authorisation',
        provides: nodes.map(cond.kubeletAlwaysAllow),
        at: [k.alwaysAllow.at],
      });
    if (k.readOnlyPort.value === 0)
      ctx.candidate({
        target: 'read-only-port',
        title: "Someone opens the kubelets' read-only port",
        provides: nodes.map(cond.kubeletReadOnlyPort),
        at: [k.readOnlyPort.at],
      });
  },
};
