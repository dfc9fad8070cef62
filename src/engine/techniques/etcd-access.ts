import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'etcd-access',
  title: 'Read and write etcd directly',
  description:
    "etcd holds the whole cluster state, every Secret included. Without client certificate authentication anyone who can connect to it reads all secrets and can write any object, bypassing the API server's authorisation entirely.",
  references: ['attack:T1552', 'cis:2.1', 'cis:2.2'],
  remediation:
    'Run etcd with `--client-cert-auth=true`, listen only on addresses the API server needs, and firewall port 2379.',
  rules(ctx) {
    const e = ctx.model.etcd;
    if (!e.present) return;
    const exposed = ctx.condition(cond.etcdExposed, e.exposed.value, e.exposed.at);
    const noAuth = ctx.condition(cond.etcdNoAuth, !e.clientCertAuth.value, e.clientCertAuth.at);
    ctx.rule([fact.at('corp'), exposed], fact.etcdReach, [e.exposed.at]);
    for (const { pod, container } of ctx.containers())
      ctx.rule([fact.exec(pod, container), cond.egressOpen(pod), exposed], fact.etcdReach, [
        e.exposed.at,
      ]);
    ctx.rule([fact.root(ctx.model.controlPlaneNode)], fact.etcdReach);
    ctx.rule([fact.etcdReach, noAuth], fact.perm('admin', '*'), [e.clientCertAuth.at]);
  },
};
