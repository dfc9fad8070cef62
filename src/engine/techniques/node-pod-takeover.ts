import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'node-pod-takeover',
  title: 'Take over every container of an owned node',
  description:
    'Root on a node controls the container runtime: the attacker enters any container running there.',
  references: ['kubehound:POD_ATTACH', 'kubehound:CONTAINER_ATTACH', 'attack:T1609'],
  remediation:
    'Keep node compromise unlikely (see the escapes above) and sensitive workloads on separate nodes.',
  rules(ctx) {
    for (const node of ctx.model.nodes)
      for (const pod of ctx.podsOn(node))
        for (const c of pod.containers) ctx.rule([fact.root(node)], fact.exec(pod, c));
  },
};
