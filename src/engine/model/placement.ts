import { arr, get, getIn, str, stringMap } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { locate } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { fits, readNodes, type SchedulingNode } from './scheduling';
import type { Pod, ThreatModelSettings } from './types';

// Where each pod runs. With Node objects in the input, the kube-scheduler's filters decide
// (scheduling.ts); without them the input says nothing about nodes, and the ThreatModel's
// `spec.nodes` states the assumption made instead: `shared` (the default, the cautious side)
// puts every pod without placement on one worker node, `separate` gives each workload a
// worker node of its own. Either way the assumption is shown (buildModel's diagnostic).
//
// On a managed control plane (the gke, eks and aks baselines) the provider runs the API
// server, etcd and the rest on machines that are not nodes of the cluster: the model has no
// control-plane node at all. A pod that asks for one by label stays Pending, and a pod whose
// `nodeName` names it is bound to a node that does not exist, which the pod garbage collector
// deletes (pkg/controller/podgc/gc_controller.go, gcOrphaned): neither runs.

export const controlPlaneNode = 'control-plane';
const defaultWorker = 'worker';

/** How pods without placement share nodes when the input has no Node objects. */
export type NodeSharing = 'shared' | 'separate';

export interface Placement {
  /**
   * Every node of the model: the control plane first (unless it is managed), then the
   * workers as they appear.
   */
  nodes: string[];
  /** The control plane's node name; not among `nodes` when the control plane is managed. */
  controlPlane: string;
  /** The provider runs the control plane: no pod can be placed on it. */
  managed: boolean;
  /** The input's Node objects (empty when there are none). */
  known: readonly SchedulingNode[];
  /**
   * The node a pod runs on, or undefined when the input lists its nodes and none fits the
   * pod (the scheduler leaves it Pending: it does not run).
   */
  place(spec: unknown, workload: string): string | undefined;
}

// kubeadm labels and taints the control-plane node it sets up (cmd/kubeadm/app/constants).
const controlPlaneRole = 'node-role.kubernetes.io/control-plane';

export function assumedNode(name: string, controlPlane: boolean): SchedulingNode {
  const labels = new Map([['kubernetes.io/hostname', name]]);
  if (controlPlane) labels.set(controlPlaneRole, '');
  return {
    name,
    labels,
    taints: controlPlane ? [{ key: controlPlaneRole, value: '', effect: 'NoSchedule' }] : [],
    controlPlane,
  };
}

const controlPlaneLabels = [controlPlaneRole, 'node-role.kubernetes.io/master'];

/**
 * Without Node objects: the pod asks for a control-plane node by its role label, in its
 * `nodeSelector` or in every term of its required node affinity (`In` or `Exists`).
 */
function asksForControlPlane(spec: unknown): boolean {
  const selector = stringMap(get(spec, 'nodeSelector'));
  if (controlPlaneLabels.some((l) => selector.has(l))) return true;
  const terms = arr(
    getIn(spec, [
      'affinity',
      'nodeAffinity',
      'requiredDuringSchedulingIgnoredDuringExecution',
      'nodeSelectorTerms',
    ]),
  );
  return (
    terms.length > 0 &&
    terms.every((term) =>
      arr(get(term, 'matchExpressions')).some(
        (e) =>
          controlPlaneLabels.includes(str(get(e, 'key')) ?? '') &&
          ['Exists', 'In'].includes(str(get(e, 'operator')) ?? ''),
      ),
    )
  );
}

/**
 * `managedControlPlane`: the baseline says the provider runs the control plane. The input's
 * own control-plane Node objects win over it (they say there is such a node); buildModel
 * also passes false when the input carries the control plane's static pods.
 */
export function planPlacement(
  objects: readonly KubeObject[],
  sharing: NodeSharing,
  managedControlPlane = false,
): Placement {
  const known = readNodes(objects);
  const controlPlane = known.find((n) => n.controlPlane)?.name ?? controlPlaneNode;
  const managed = managedControlPlane && !known.some((n) => n.controlPlane);
  const nodes = managed ? [] : [controlPlane];
  const add = (name: string) => {
    if (!nodes.includes(name)) nodes.push(name);
  };
  for (const n of known) add(n.name);
  const workers = known.filter((n) => !n.controlPlane);
  if (workers.length === 0 && sharing === 'shared') add(defaultWorker);
  const candidates: SchedulingNode[] =
    known.length > 0
      ? [
          ...workers,
          ...known.filter((n) => n.controlPlane),
          ...(known.some((n) => n.controlPlane) || managed
            ? []
            : [assumedNode(controlPlane, true)]),
        ]
      : [];
  return {
    nodes,
    controlPlane,
    managed,
    known,
    place(spec, workload) {
      const nodeName = str(get(spec, 'nodeName'));
      // `nodeName` skips the scheduler: the kubelet of that node runs the pod.
      if (nodeName) {
        if (managed && nodeName === controlPlane) return undefined;
        const name = nodeName === controlPlaneNode ? controlPlane : nodeName;
        add(name);
        return name;
      }
      if (known.length > 0) {
        // The first node that passes the filters, workers first (which of several fitting
        // nodes the scheduler's scores pick, the manifests cannot say).
        const found = candidates.find((n) => fits(spec, n))?.name;
        if (found !== undefined || workers.length > 0) return found;
        // Only control-plane nodes are listed: the workers are not in the input.
      }
      if (asksForControlPlane(spec)) return managed ? undefined : controlPlane;
      const worker = sharing === 'shared' ? defaultWorker : `${defaultWorker}-${workload}`;
      add(worker);
      return worker;
    },
  };
}

/**
 * What placement could not say: a pod no listed node fits does not run (a warning at its
 * line), and, when the input has pods but no Node objects, the assumption made is stated
 * (an info diagnostic at the ThreatModel, or at the first pod).
 */
export function placementDiagnostics(
  pods: Pod[],
  placement: Placement,
  threat: ThreatModelSettings,
  diagnostics: Diagnostic[],
): void {
  for (const pod of pods) {
    if (pod.node !== '') continue;
    pod.node = placement.nodes.find((n) => n !== placement.controlPlane) ?? placement.controlPlane;
    pod.rejected = { by: 'unschedulable', checks: [] };
    const spec = getIn(pod.object.raw, [...pod.templatePath, 'spec']);
    const why = !placement.managed
      ? undefined
      : str(get(spec, 'nodeName')) === placement.controlPlane
        ? `names the node ${placement.controlPlane}, but the provider runs this control plane (baseline ${threat.baseline.id}) and the cluster has no such node: the pod garbage collector deletes a pod bound to a node that does not exist`
        : asksForControlPlane(spec)
          ? `asks for a control-plane node, but the provider runs this control plane (baseline ${threat.baseline.id}) and no node of the cluster is one: the scheduler leaves it Pending`
          : undefined;
    diagnostics.push({
      severity: 'warning',
      message: `${pod.kind} ${pod.namespace}/${pod.name} ${why ?? "fits none of the input's nodes (its nodeSelector, required node affinity or tolerations): the scheduler leaves it Pending"}, so it does not run`,
      ...locate(pod.object, [...pod.templatePath, 'spec']),
    });
  }
  // Static pods run where the kubelet starts them: only pods the scheduler places assume.
  const first = pods.find((p) => p.component === undefined);
  if (placement.known.length > 0 || !first) return;
  const at = threat.object ? locate(threat.object, ['spec']) : locate(first.object, []);
  diagnostics.push({
    severity: 'info',
    message:
      threat.nodes === 'shared'
        ? "assumed: pods without placement share one worker node (no Node objects in the input; the ThreatModel's spec.nodes: shared, the default). Set spec.nodes: separate to give each workload a node of its own"
        : "assumed: each workload without placement runs on a worker node of its own (no Node objects in the input; the ThreatModel's spec.nodes: separate)",
    ...at,
  });
}
