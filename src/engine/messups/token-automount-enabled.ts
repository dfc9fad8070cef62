import { cond } from '../graph/facts';
import type { Pod } from '../model/types';
import type { MessUpTemplate } from './template';
import { isControlPlaneMirror } from '../model/staticPods';

export const template: MessUpTemplate<Pod> = {
  id: 'token-automount-enabled',
  category: 'misconfiguration',
  title: 'Token automount is turned back on',
  description:
    'A chart upgrade or a copied manifest drops `automountServiceAccountToken: false`, and the pod carries its service-account token again.',
  references: ['cis:5.1.6'],
  describe: (pod) =>
    `Someone re-enables token automount for ${pod.kind} ${pod.namespace}/${pod.name}`,
  generate(ctx) {
    for (const pod of ctx.model.pods) {
      // The API server refuses a mirror pod that names a service account.
      if (isControlPlaneMirror(pod)) continue;
      if (!pod.automountToken.value)
        ctx.candidate({
          target: `${pod.namespace}/${pod.name}`,
          about: pod,
          provides: [cond.automount(pod)],
          at: [pod.automountToken.at],
        });
    }
  },
};
