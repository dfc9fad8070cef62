import { fact } from '../graph/facts';
import { projectedMounts } from '../model/projectedVolumes';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'projected-volumes',
  title: 'Read the token or secrets of a projected volume',
  description:
    "A projected volume with a `serviceAccountToken` source gives the container a token for the pod's service account even when `automountServiceAccountToken: false` is set: that field only stops the default token volume. Its `secret` sources are plain files as well. Code execution in the container, or root on its node (the kubelet keeps them under /var/lib/kubelet/pods), reads them.",
  references: [
    'kubehound:TOKEN_STEAL',
    'kubehound:VOLUME_DISCOVER',
    'kubehound:VOLUME_ACCESS',
    'attack:T1528',
    'attack:T1552.007',
  ],
  remediation:
    'Project a service-account token only into pods that call the API server, with a short `expirationSeconds` and a narrow `audience`; mount only the secrets a container needs.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const { tokens, secrets } = projectedMounts(pod, container);
      const sa = fact.serviceAccount(pod.namespace, pod.serviceAccount);
      for (const at of tokens) {
        ctx.rule([fact.exec(pod, container)], sa, [at]);
        ctx.rule([fact.nodeTokens(pod.node)], sa, [at]);
      }
      for (const [name, at] of secrets) {
        const secret = fact.secret(`${pod.namespace}/${name}`);
        ctx.rule([fact.exec(pod, container)], secret, [at]);
        ctx.rule([fact.root(pod.node)], secret, [at]);
      }
    }
  },
};
