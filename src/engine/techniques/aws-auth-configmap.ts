import { fact } from '../graph/facts';
import { request } from '../authz/requests';
import { awsAuth } from '../model/eks';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'aws-auth-configmap',
  title: 'Map an IAM identity to system:masters in aws-auth',
  description:
    'On EKS the ConfigMap `kube-system/aws-auth` maps IAM roles and users to Kubernetes users and groups. Whoever may change it adds an entry for an IAM identity they hold (even one of their own AWS account) in the group `system:masters`, then logs in with it: cluster-admin, outside RBAC.',
  references: ['attack:T1098', 'attack:T1078.004', 'ms:MS-TA9019'],
  remediation:
    'Move to EKS access entries (`authenticationMode: API`); until then grant write access to configmaps in kube-system to nobody but cluster administrators.',
  rules(ctx) {
    const eks = awsAuth(ctx.model);
    if (!eks) return;
    const where = { namespace: 'kube-system', name: 'aws-auth' };
    const writes = ['patch', 'update'].map((verb) => ctx.can(request(verb, 'configmaps', where)));
    // A ConfigMap that is not there yet is created, and a create carries no name to restrict.
    if (!eks.exists)
      writes.push(ctx.can(request('create', 'configmaps', { namespace: 'kube-system' })));
    for (const write of writes) ctx.rule([write], fact.group('system:masters'), [eks.at]);
  },
};
