import { fact } from '../graph/facts';
import { request } from '../authz/requests';
import { podName } from './podRequests';
import type { Technique } from './technique';
import { isControlPlaneMirror } from '../model/staticPods';

export const technique: Technique = {
  id: 'pod-attach',
  title: 'Attach to running containers',
  description:
    '`pods/attach` connects to the main process of a running container: with an interactive shell as entrypoint, that is a shell in the container, with everything the container holds.',
  references: ['kubehound:CONTAINER_ATTACH', 'ms:MS-TA9006', 'attack:T1609'],
  remediation: 'Treat `pods/attach` like `pods/exec`: grant it rarely.',
  rules(ctx) {
    for (const ns of ctx.namespaces())
      for (const pod of ctx.podsIn(ns)) {
        // A control-plane binary reads no commands from its stdin.
        if (isControlPlaneMirror(pod)) continue;
        // A websocket upgrade is a GET, so `get` serves as well as `create`.
        for (const verb of ['create', 'get']) {
          const allowed = ctx.can(
            request(verb, 'pods/attach', { namespace: ns, name: podName(pod) }),
          );
          for (const c of pod.containers) ctx.rule([allowed], fact.exec(pod, c));
        }
      }
  },
};
