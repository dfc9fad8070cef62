import { fact } from '../graph/facts';
import { request } from '../authz/requests';
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
    // `get` reaches exec and attach (a websocket upgrade is a GET); `create` the POST endpoints.
    for (const node of ctx.model.nodes)
      for (const verb of ['get', 'create'])
        ctx.rule([ctx.can(request(verb, 'nodes/proxy', { name: node }))], fact.kubeletApi(node));
  },
};
