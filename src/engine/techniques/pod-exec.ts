import { fact } from '../graph/facts';
import { request } from '../authz/requests';
import { podName } from './podRequests';
import type { Technique } from './technique';
import { execUseful } from '../model/staticPods';

export const technique: Technique = {
  id: 'pod-exec',
  title: 'Exec into running containers',
  description:
    '`create` on `pods/exec` is `kubectl exec`: a shell in any container of the namespace, with its service account token, its mounted secrets and its privileges.',
  references: ['kubehound:POD_EXEC', 'kubehound:CONTAINER_ATTACH', 'ms:MS-TA9006', 'attack:T1609'],
  remediation:
    'Grant `pods/exec` only for debugging, in namespaces without sensitive workloads, and prefer ephemeral debug access.',
  rules(ctx) {
    for (const ns of ctx.namespaces())
      for (const pod of ctx.podsIn(ns)) {
        if (!execUseful(pod)) continue;
        // A websocket upgrade is a GET, so `get` serves as well as `create`.
        for (const verb of ['create', 'get']) {
          const allowed = ctx.can(
            request(verb, 'pods/exec', { namespace: ns, name: podName(pod) }),
          );
          for (const c of pod.containers) ctx.rule([allowed], fact.exec(pod, c));
        }
      }
  },
};
