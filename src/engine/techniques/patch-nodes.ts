import { cond, fact } from '../graph/facts';
import { request } from '../authz/requests';
import { reschedulable } from './podRequests';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'patch-nodes',
  title: 'Lure workloads onto a compromised node',
  description:
    'With `patch` on nodes, an attacker who owns one node taints or cordons all the others, so that the scheduler moves pods onto the node they control, and reads the service-account tokens those pods bring.',
  references: ['attack:T1098', 'attack:T1611'],
  remediation:
    'Grant `patch`/`update` on nodes to the node lifecycle controllers only; the NodeRestriction admission plugin stops kubelets changing other nodes.',
  rules(ctx) {
    // Tainting or cordoning every other node: `patch` (or `update`) on nodes by any name.
    for (const verb of ['patch', 'update']) {
      const allowed = ctx.can(request(verb, 'nodes'));
      for (const node of ctx.model.nodes) ctx.rule([allowed, fact.root(node)], fact.luredWorkloads);
    }
    // Only pods a controller recreates elsewhere move; a pod pinned with `nodeName`, a bare
    // Pod or a DaemonSet's pod stays where it is.
    for (const pod of ctx.model.pods)
      if (reschedulable(pod))
        ctx.rule(
          [fact.luredWorkloads, cond.automount(pod)],
          fact.serviceAccount(pod.namespace, pod.serviceAccount),
        );
  },
};
