import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'mounted-secrets',
  title: 'Read the secrets a container mounts',
  description:
    'Secrets mounted as files or passed as environment variables are plain text inside the container. Code execution there reads them.',
  references: ['kubehound:VOLUME_DISCOVER', 'attack:T1552.007', 'ms:MS-TA9025'],
  remediation: 'Mount only the secrets a container needs, and prefer short-lived credentials.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      for (const [name, at] of container.secrets)
        ctx.rule([fact.exec(pod, container)], fact.secret(`${pod.namespace}/${name}`), [at]);
    }
    for (const node of ctx.model.nodes) {
      for (const pod of ctx.podsOn(node))
        for (const c of pod.containers)
          for (const name of c.secrets.keys())
            ctx.rule([fact.root(node)], fact.secret(`${pod.namespace}/${name}`));
    }
  },
};
