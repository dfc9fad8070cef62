import { cond, fact } from '../graph/facts';
import { request } from '../authz/requests';
import { podName } from './podRequests';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'ephemeral-containers',
  title: 'Add an ephemeral container to a running pod',
  description:
    "`patch` or `update` on `pods/ephemeralcontainers` (what `kubectl debug` uses) adds a container of the attacker's choosing to a running pod. It shares the pod's network, can mount the pod's volumes (its service-account token and secrets) and, with `targetContainerName`, the process namespace of another container: as good as exec into each of them. Where Pod Security Admission allows privileged pods, the added container can be privileged and escape to the node.",
  references: ['kubehound:POD_EXEC', 'attack:T1609', 'attack:T1611', 'ms:MS-TA9006'],
  remediation:
    'Grant `pods/ephemeralcontainers` only with `pods/exec` in mind: it is at least as strong. Enforce the baseline Pod Security Standard, which also checks ephemeral containers.',
  rules(ctx) {
    for (const ns of ctx.namespaces()) {
      const info = ctx.model.namespaces.get(ns);
      // Pod Security Admission checks the pod again, ephemeral containers included, when the
      // subresource is updated (staging/src/k8s.io/pod-security-admission/admission).
      const allows = ctx.condition(
        cond.psaAllowsPrivileged(ns),
        info?.enforce.value === 'privileged' || info === undefined,
        info?.enforce.at,
      );
      // Root on a node, once per request: a namespace's workloads' pods ask the same one.
      const rooted = new Set<string>();
      for (const pod of ctx.podsIn(ns)) {
        // Only a running Pod has the subresource: a workload's pods by their generated name.
        const name = podName(pod);
        const where = `${pod.node}\0${name}`;
        const root = !rooted.has(where);
        rooted.add(where);
        for (const verb of ['patch', 'update']) {
          const allowed = ctx.can(
            request(verb, 'pods/ephemeralcontainers', { namespace: ns, name }),
          );
          for (const c of pod.containers) ctx.rule([allowed], fact.exec(pod, c));
          if (root) ctx.rule([allowed, allows], fact.root(pod.node), [info?.enforce.at]);
        }
      }
    }
  },
};
