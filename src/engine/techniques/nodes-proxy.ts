import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'nodes-proxy',
  title: 'Reach kubelets through the API server proxy',
  description:
    "`get`/`create` on `nodes/proxy` forwards requests to any kubelet through the API server, with the API server's own credentials. The kubelet trusts them fully: the attacker can exec into every pod of every node.",
  references: ['ms:MS-TA9030', 'attack:T1609'],
  remediation:
    'Do not grant `nodes/proxy` to people or workloads; monitoring that needs node metrics should use the metrics API.',
  rules(ctx) {
    for (const node of ctx.model.nodes)
      ctx.rule([fact.perm('nodes-proxy', '*')], fact.kubeletApi(node));
  },
};
