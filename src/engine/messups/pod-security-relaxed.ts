import { admitted } from '../graph/admission';
import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate<string> = {
  id: 'pod-security-relaxed',
  category: 'misconfiguration',
  title: "A namespace's Pod Security enforcement is relaxed",
  description:
    'Someone removes or lowers the `pod-security.kubernetes.io/enforce` label of a namespace so a stubborn workload can be deployed: privileged pods are let in, and so are the pods the level was refusing.',
  references: ['pss:baseline/privileged', 'cis:5.2.1'],
  describe: (name) => `Someone relaxes Pod Security enforcement on namespace ${name}`,
  generate(ctx) {
    const { model } = ctx;
    for (const [name, ns] of model.namespaces) {
      const allows = ns.admitsPrivileged?.value ?? ns.enforce.value === 'privileged';
      if (allows) continue;
      ctx.candidate({
        target: name,
        about: name,
        provides: [cond.psaAllowsPrivileged(name)],
        at: [ns.enforce.at],
      });
    }
    // The pods the level refuses run once it lets privileged pods in.
    for (const pod of model.pods)
      if (pod.rejected?.by === 'pod-security')
        ctx.rule([cond.psaAllowsPrivileged(pod.namespace)], admitted(pod));
  },
};
