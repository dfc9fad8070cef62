import { cond } from '../graph/facts';
import type { Pod } from '../model/types';
import type { MessUpTemplate } from './template';
import { isControlPlaneMirror } from '../model/staticPods';

export const template: MessUpTemplate<Pod> = {
  id: 'workload-exposed',
  category: 'misconfiguration',
  title: 'A workload is exposed to the Internet',
  description:
    'Someone adds a LoadBalancer Service or an Ingress route for a workload that was meant to be internal, to show a demo or debug from home.',
  references: ['ms:MS-TA9005'],
  describe: (pod) => `Someone exposes ${pod.kind} ${pod.namespace}/${pod.name} to the Internet`,
  generate(ctx) {
    for (const pod of ctx.model.pods) {
      // The control plane's endpoints are the API server's settings, not a workload's.
      if (isControlPlaneMirror(pod)) continue;
      const exposed = cond.exposed(pod);
      if (ctx.isDefended(exposed))
        ctx.candidate({
          target: `${pod.namespace}/${pod.name}`,
          about: pod,
          provides: [exposed],
        });
    }
  },
};
