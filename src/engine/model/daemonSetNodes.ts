import { getIn } from '../manifests/access';
import { assumedNode } from './placement';
import { fits, readNodes, type SchedulingNode } from './scheduling';
import type { ClusterModel, Pod } from './types';

// Which nodes a DaemonSet's pods run on. The model places each pod template on one node
// (placement.ts); the DaemonSet controller puts a copy on every node that its node selector
// and affinity match and whose NoSchedule/NoExecute taints it tolerates
// (pkg/controller/daemon/daemon_controller.go, NodeShouldRunDaemonPod): the scheduler's own
// filters (scheduling.ts).

// Read once per model: every DaemonSet asks.
const read = new WeakMap<ClusterModel, SchedulingNode[]>();

/** Each node of the model: its Node object, else what kubeadm gives such a node. */
function nodesOf(model: ClusterModel): SchedulingNode[] {
  const known = read.get(model);
  if (known) return known;
  const objects = new Map(readNodes(model.objects).map((n) => [n.name, n]));
  const out = model.nodes.map(
    (name) => objects.get(name) ?? assumedNode(name, name === model.controlPlaneNode),
  );
  for (const [name, n] of objects) if (!model.nodes.includes(name)) out.push(n);
  read.set(model, out);
  return out;
}

/** Every node a DaemonSet's pod runs on ([] for any other kind of workload). */
export function daemonSetNodes(model: ClusterModel, pod: Pod): string[] {
  if (pod.kind !== 'DaemonSet') return [];
  const spec = getIn(pod.object.raw, [...pod.templatePath, 'spec']);
  return nodesOf(model)
    .filter((n) => fits(spec, n))
    .map((n) => n.name);
}
