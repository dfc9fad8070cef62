import { cond, fact } from '../graph/facts';
import { isExempt } from '../model/admission';
import type { Pod } from '../model/types';
import type { MessUpTemplate } from './template';
import { isControlPlaneMirror } from '../model/staticPods';

export const template: MessUpTemplate<Pod> = {
  id: 'privileged-deploy',
  category: 'misconfiguration',
  title: 'A workload is deployed privileged',
  description:
    'To fix a permissions error quickly, someone sets `privileged: true` on a container. Pod Security Admission with `enforce: baseline` or stricter rejects the change (unless the pod is exempt), so it only takes effect where the namespace allows privileged pods; an API server started with `--allow-privileged=false` rejects it everywhere.',
  references: ['pss:baseline/privileged', 'cis:5.2.2'],
  describe: (pod) => `Someone deploys ${pod.kind} ${pod.namespace}/${pod.name} privileged`,
  generate(ctx) {
    const { apiServer } = ctx.model;
    // Validation refuses every privileged container: the change cannot take effect.
    if (!apiServer.allowPrivileged.value) return;
    for (const pod of ctx.model.pods) {
      // A static pod's manifest is a file on the node, not deployed through the API.
      if (isControlPlaneMirror(pod)) continue;
      const container = pod.containers[0];
      if (!container) continue;
      const privileged = cond.privileged(pod, container);
      if (!ctx.isDefended(privileged)) continue;
      const applied = fact.applied('privileged-deploy', pod.id);
      ctx.candidate({
        target: `${pod.namespace}/${pod.name}`,
        about: pod,
        provides: [applied],
        at: [{ object: pod.object, path: [...pod.templatePath, 'spec', ...container.path] }],
      });
      // Pod Security does not check an exempt pod: the change takes effect on its own.
      const exempt = !apiServer.podSecurity.enabled.value || isExempt(pod, apiServer.podSecurity);
      ctx.rule(exempt ? [applied] : [applied, cond.psaAllowsPrivileged(pod.namespace)], privileged);
    }
  },
};
