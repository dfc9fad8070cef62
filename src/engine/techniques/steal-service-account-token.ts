import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'steal-service-account-token',
  title: "Steal the pod's service account token",
  description:
    "Unless told otherwise, Kubernetes mounts a token for the pod's service account at /var/run/secrets/kubernetes.io/serviceaccount. Code running in the container (an attacker exploiting a bug, say) reads it and talks to the API server with whatever the service account may do.",
  references: [
    'kubehound:TOKEN_STEAL',
    'kubehound:IDENTITY_ASSUME',
    'kubehound:VOLUME_DISCOVER',
    'ms:MS-TA9016',
    'attack:T1528',
    'cis:5.1.6',
  ],
  remediation:
    'Set `automountServiceAccountToken: false` on pods (or service accounts) that do not call the API server.',
  rules(ctx) {
    for (const { pod, container } of ctx.containers()) {
      const mounted = ctx.condition(
        cond.automount(pod),
        pod.automountToken.value,
        pod.automountToken.at,
      );
      ctx.rule(
        [fact.exec(pod, container), mounted],
        fact.serviceAccount(pod.namespace, pod.serviceAccount),
        [pod.automountToken.at],
      );
    }
  },
};
