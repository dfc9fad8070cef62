import { arr, get, getIn, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { ref } from '../manifests/locate';
import type { Pod } from './types';

// The control plane's static pods as the pods they are: the kubelet on the control-plane
// node runs each manifest and publishes a mirror pod for it, which `pods/exec`,
// `pods/attach` and `pods/ephemeralcontainers` reach like any other pod.

/** What exec into a component's container runs, by the binary the static pod starts. */
export interface ControlPlaneComponent {
  binary: string;
  /**
   * A tool an attacker can use, run by exec: etcd's image ships `etcdctl`, which reads and
   * writes every object with the certificates etcd mounts. The others' images hold their
   * binary alone (no shell), so exec runs nothing of the attacker's choosing; an ephemeral
   * container that shares their process namespace reads their files instead.
   */
  execRuns: string | undefined;
}

export const controlPlaneComponents: readonly ControlPlaneComponent[] = [
  { binary: 'kube-apiserver', execRuns: undefined },
  { binary: 'kube-controller-manager', execRuns: undefined },
  { binary: 'kube-scheduler', execRuns: undefined },
  { binary: 'etcd', execRuns: 'etcdctl' },
];

/** The component a Pod's first container starts, if it is one of the control plane's. */
export function componentOf(object: KubeObject): ControlPlaneComponent | undefined {
  if (object.kind !== 'Pod') return undefined;
  const command = strings(getIn(object.raw, ['spec', 'containers', 0, 'command']));
  return controlPlaneComponents.find((c) =>
    command.some((p) => p === c.binary || p.endsWith(`/${c.binary}`)),
  );
}

/**
 * The mirror pod's name, which requests carry: the kubelet appends the node's name, lower
 * case (generatePodName in pkg/kubelet/config/common.go). A pod exported from a cluster (owned
 * by its Node) already has it.
 */
export function mirrorPodName(object: KubeObject, node: string): string {
  const exported = arr(getIn(object.raw, ['metadata', 'ownerReferences'])).some(
    (r) => get(r, 'kind') === 'Node',
  );
  const suffix = `-${node.toLowerCase()}`;
  return exported || object.name.endsWith(suffix) ? object.name : `${object.name}${suffix}`;
}

/**
 * A control-plane static pod as the model's pod: its mirror pod's name, on the control-plane
 * node, and no service-account token (the API server refuses mirror pods that name a service
 * account or mount secrets: plugin/pkg/admission/serviceaccount/admission.go).
 */
export function asMirrorPod(pod: Pod, component: ControlPlaneComponent, node: string): Pod {
  pod.name = mirrorPodName(pod.object, node);
  pod.node = node;
  pod.component = component;
  pod.automountToken = { value: false, at: ref(pod.object, ['metadata']) };
  // The kubelet runs a static pod whatever Pod Security says (a refused mirror pod does not
  // stop it), and kubeadm's control plane cannot meet baseline: nothing there to act on.
  pod.pssViolations = [];
  return pod;
}

/** Exec into the pod's containers runs something of the attacker's use (see execRuns). */
export function execUseful(pod: Pod): boolean {
  return pod.component === undefined || pod.component.execRuns !== undefined;
}

/**
 * The pod is one of the control plane's static pods: its mirror pod "cannot be controlled
 * from" the API server (Kubernetes docs, Static Pods), so patching it, attaching to its
 * binary or a mess-up in its spec changes nothing that runs.
 */
export function isControlPlaneMirror(pod: Pod): boolean {
  return pod.component !== undefined;
}
