import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

/** What each setting's mess-up is called: it is also its target. */
const sentences = {
  anonymous: 'Someone turns on anonymous authentication on the kubelets',
  'always-allow': 'Someone sets the kubelets to AlwaysAllow authorisation',
  'read-only-port': "Someone opens the kubelets' read-only port",
};

export const template: MessUpTemplate<keyof typeof sentences> = {
  id: 'kubelet-misconfigured',
  category: 'misconfiguration',
  title: "A kubelet's API is opened",
  description:
    'A node image or bootstrap script ships a kubelet configuration with anonymous authentication, AlwaysAllow authorisation or the read-only port.',
  references: ['cis:4.2.1', 'cis:4.2.2', 'cis:4.2.4'],
  describe: (setting) => sentences[setting],
  generate(ctx) {
    const k = ctx.model.kubelet;
    const nodes = ctx.model.nodes;
    if (!k.anonymousAuth.value)
      ctx.candidate({
        target: 'anonymous',
        about: 'anonymous',
        provides: nodes.map(cond.kubeletAnonymous),
        at: [k.anonymousAuth.at],
      });
    if (!k.alwaysAllow.value)
      ctx.candidate({
        target: 'always-allow',
        about: 'always-allow',
        provides: nodes.map(cond.kubeletAlwaysAllow),
        at: [k.alwaysAllow.at],
      });
    if (k.readOnlyPort.value === 0)
      ctx.candidate({
        target: 'read-only-port',
        about: 'read-only-port',
        provides: nodes.map(cond.kubeletReadOnlyPort),
        at: [k.readOnlyPort.at],
      });
  },
};
