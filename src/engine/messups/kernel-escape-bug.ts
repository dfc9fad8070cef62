import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate<string> = {
  id: 'kernel-escape-bug',
  category: 'bug',
  title: 'A container-escape bug in the kernel or runtime',
  description:
    'The node runs a kernel or container runtime with a known escape (Dirty Pipe, Leaky Vessels) that has not been patched yet.',
  references: ['attack:T1611', 'attack:T1068'],
  describe: (node) => `A container-escape bug in the kernel or runtime of node ${node}`,
  generate(ctx) {
    for (const node of ctx.model.nodes)
      ctx.candidate({
        target: node,
        about: node,
        provides: [cond.kernelEscape(node)],
      });
  },
};
