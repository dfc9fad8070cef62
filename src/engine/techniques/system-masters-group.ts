import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'system-masters-group',
  title: 'Act as a member of system:masters',
  description:
    'Members of the group `system:masters` bypass RBAC entirely: the API server allows them everything, and no binding can be removed to stop it. Certificates or impersonation that carry this group are cluster-admin for as long as they are valid.',
  references: ['ms:MS-TA9019', 'attack:T1078', 'cis:5.1.1'],
  remediation:
    'Never issue credentials in system:masters except for break-glass use; do not grant impersonation of groups.',
  rules(ctx) {
    ctx.rule([fact.apiReach, fact.group('system:masters')], fact.perm('admin', '*'));
  },
};
