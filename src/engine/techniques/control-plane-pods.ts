import { fact, type Fact } from '../graph/facts';
import { ref } from '../manifests/locate';
import type { Technique } from './technique';

/**
 * What code running in a control-plane component's container holds, by its binary: the
 * credentials its command line names, which it cannot run without.
 */
const holdings: Record<string, Fact> = {
  // --etcd-certfile/--etcd-keyfile (every object in etcd) and
  // --service-account-signing-key-file (a token for any service account).
  'kube-apiserver': fact.perm('admin', '*'),
  // --cluster-signing-key-file (the cluster CA's key: a certificate in system:masters) and
  // --service-account-private-key-file.
  'kube-controller-manager': fact.perm('admin', '*'),
  // Its kubeconfig, as system:kube-scheduler.
  'kube-scheduler': fact.as('user:system:kube-scheduler'),
  // etcdctl with etcd's own certificates: every object, to read and to write.
  etcd: fact.perm('admin', '*'),
};

export const technique: Technique = {
  id: 'control-plane-pods',
  title: "Use what the control plane's pods hold",
  description:
    "The API server, controller manager, scheduler and etcd run as static pods in kube-system, and their mirror pods (`<name>-<node>`) answer `pods/exec` and `pods/ephemeralcontainers` like any other. Their containers hold the cluster's keys: the API server's etcd client certificate and service-account signing key, the controller manager's CA key, the scheduler's kubeconfig, and etcd's data with `etcdctl`. Their images have no shell, so an ephemeral container that shares their process namespace reads the files; etcd's image ships `etcdctl`, which exec runs directly.",
  references: ['kubehound:POD_EXEC', 'attack:T1609', 'attack:T1552.004', 'ms:MS-TA9006'],
  remediation:
    'Never grant `pods/exec`, `pods/attach` or `pods/ephemeralcontainers` in kube-system to anyone but cluster administrators.',
  rules(ctx) {
    for (const pod of ctx.podsOn(ctx.model.controlPlaneNode)) {
      const gain = pod.component && holdings[pod.component.binary];
      const container = pod.containers[0];
      if (!gain || !container) continue;
      ctx.rule([fact.exec(pod, container)], gain, [ref(pod.object, ['metadata'])]);
    }
  },
};
