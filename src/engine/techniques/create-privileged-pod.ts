import { cond, fact } from '../graph/facts';
import { podCreation } from './podRequests';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'create-privileged-pod',
  title: 'Create a privileged pod on a node of choice',
  description:
    "Whoever may create pods (or Deployments, Jobs, DaemonSets...) in a namespace can ask for a privileged pod with the host's filesystem mounted, and pin it to any node with `nodeName`, the control plane included. Pod Security Admission with `enforce: baseline` or stricter on the namespace rejects such a pod.",
  references: [
    'kubehound:POD_CREATE',
    'attack:T1610',
    'attack:T1611',
    'ms:MS-TA9018',
    'pss:baseline/privileged',
    'cis:5.2.2',
  ],
  remediation:
    'Label every namespace `pod-security.kubernetes.io/enforce: baseline` (or restricted) and grant `create pods` sparingly.',
  rules(ctx) {
    for (const ns of ctx.namespaces()) {
      const info = ctx.model.namespaces.get(ns);
      // Pod Security lets a privileged pod in: its level, or an exemption (model/admission.ts).
      const admits = info?.admitsPrivileged ?? {
        value: info === undefined || info.enforce.value === 'privileged',
        at: info?.enforce.at,
      };
      const allows = ctx.condition(cond.psaAllowsPrivileged(ns), admits.value, admits.at);
      for (const node of ctx.model.nodes)
        ctx.rule([podCreation(ctx, ns), allows], fact.root(node), [info?.enforce.at]);
    }
  },
};
