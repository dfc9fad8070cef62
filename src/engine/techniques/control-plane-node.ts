import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'control-plane-node',
  title: 'Own the cluster from a control-plane node',
  description:
    "A control-plane node holds the cluster's keys: `/etc/kubernetes/admin.conf`, the CA and etcd's data. Root there is cluster-admin.",
  references: ['attack:T1552.004', 'ms:MS-TA9019', 'cis:1.1.1'],
  remediation: 'Never schedule workloads on control-plane nodes, and guard the ways onto them.',
  rules(ctx) {
    ctx.rule([fact.root(ctx.model.controlPlaneNode)], fact.perm('admin', '*'));
  },
};
