import { fact, type Fact } from '../graph/facts';
import { request } from '../authz/requests';
import { arr, get, getIn, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { ref } from '../manifests/locate';
import { isControlPlanePod } from '../model/controlPlane';
import type { Technique } from './technique';

/** The component a control-plane static pod runs, by the binary its first container starts. */
function component(o: KubeObject): string | undefined {
  const command = strings(getIn(o.raw, ['spec', 'containers', 0, 'command']));
  for (const b of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'])
    if (command.some((p) => p === b || p.endsWith(`/${b}`))) return b;
  return undefined;
}

/**
 * The mirror pod's name, which requests carry: the kubelet appends the node's name to a
 * static pod's (pkg/kubelet/config/common.go); a pod exported from a cluster already has it.
 */
function mirrorName(o: KubeObject, node: string): string {
  const owned = arr(getIn(o.raw, ['metadata', 'ownerReferences'])).some(
    (r) => get(r, 'kind') === 'Node',
  );
  return owned || o.name.endsWith(`-${node}`) ? o.name : `${o.name}-${node}`;
}

export const technique: Technique = {
  id: 'control-plane-pods',
  title: "Enter the control plane's static pods",
  description:
    "The API server, controller manager, scheduler and etcd run as static pods in kube-system, and their mirror pods answer `pods/exec` and `pods/ephemeralcontainers` like any other. Their files are the cluster's keys: the API server and controller manager mount /etc/kubernetes/pki (the CA's key signs a certificate in system:masters), etcd holds every object, the scheduler has its kubeconfig. Their images have no shell, so an ephemeral container that shares their process namespace reads the files; etcd's image ships `etcdctl`, which exec runs directly.",
  references: ['kubehound:POD_EXEC', 'attack:T1609', 'attack:T1552.004', 'ms:MS-TA9006'],
  remediation:
    'Never grant `pods/exec`, `pods/attach` or `pods/ephemeralcontainers` in kube-system to anyone but cluster administrators.',
  rules(ctx) {
    const node = ctx.model.controlPlaneNode;
    for (const o of ctx.model.objects) {
      if (!isControlPlanePod(o)) continue;
      const what = component(o);
      if (!what) continue;
      const ns = o.namespace ?? 'kube-system';
      const name = mirrorName(o, node);
      const gain: Fact =
        what === 'kube-scheduler' ? fact.as('user:system:kube-scheduler') : fact.perm('admin', '*');
      const at = [ref(o, ['metadata'])];
      const ways: Fact[] = ['patch', 'update'].map((verb) =>
        ctx.can(request(verb, 'pods/ephemeralcontainers', { namespace: ns, name })),
      );
      if (what === 'etcd')
        for (const verb of ['create', 'get'])
          ways.push(ctx.can(request(verb, 'pods/exec', { namespace: ns, name })));
      for (const way of ways) ctx.rule([way], gain, at);
    }
  },
};
