import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'cluster-admin-rights',
  title: 'Hold wildcard rights over the whole cluster',
  description:
    "A binding to `cluster-admin`, or any role with `*` verbs on `*` resources cluster-wide, is full control of the cluster: every secret, every workload, every node through a privileged pod. This is the attacker's usual goal.",
  references: ['ms:MS-TA9019', 'attack:T1078', 'cis:5.1.1', 'cis:5.1.3'],
  remediation: 'Keep cluster-admin for break-glass accounts; avoid wildcards in roles.',
  rules(ctx) {
    ctx.rule([fact.perm('admin', '*')], fact.goal('cluster-admin'));
  },
};
