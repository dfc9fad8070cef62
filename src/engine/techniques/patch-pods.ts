import { fact } from '../graph/facts';
import { request } from '../authz/requests';
import { podName } from './podRequests';
import type { Technique } from './technique';
import { isControlPlaneMirror } from '../model/staticPods';

export const technique: Technique = {
  id: 'patch-pods',
  title: "Patch a running pod's image",
  description:
    "A pod's container image can be changed in place. Whoever may `patch` pods swaps an image for one of their own and runs code with the pod's service account, volumes and secrets.",
  references: ['kubehound:POD_PATCH', 'attack:T1525', 'attack:T1609'],
  remediation:
    'Grant `patch`/`update` on pods to controllers only, and restrict images with an admission policy.',
  rules(ctx) {
    for (const ns of ctx.namespaces())
      for (const pod of ctx.podsIn(ns)) {
        if (isControlPlaneMirror(pod)) continue;
        for (const verb of ['patch', 'update']) {
          const allowed = ctx.can(request(verb, 'pods', { namespace: ns, name: podName(pod) }));
          for (const c of pod.containers) ctx.rule([allowed], fact.exec(pod, c));
        }
      }
  },
};
