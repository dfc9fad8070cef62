import { arr, get, getIn, str, stringMap } from '../manifests/access';
import type { ClusterModel, Pod } from './types';

// Which nodes a DaemonSet's pods run on. The model places each pod template on one node
// (buildModel's placePod); the DaemonSet controller puts a copy on every node that its
// node selector and affinity match and whose NoSchedule/NoExecute taints it tolerates
// (pkg/controller/daemon/daemon_controller.go, NodeShouldRunDaemonPod).

interface NodeFacts {
  labels: Map<string, string>;
  taints: { key: string; value: string; effect: string }[];
}

const controlPlaneTaint = 'node-role.kubernetes.io/control-plane';

// Read once per model: every DaemonSet asks.
const read = new WeakMap<ClusterModel, Map<string, NodeFacts>>();

/** Labels and taints of each node: its Node object, else what kubeadm gives such a node. */
function nodeFacts(model: ClusterModel): Map<string, NodeFacts> {
  const known = read.get(model);
  if (known) return known;
  const out = new Map<string, NodeFacts>();
  read.set(model, out);
  for (const o of model.objects) {
    if (o.kind !== 'Node') continue;
    const labels = stringMap(getIn(o.raw, ['metadata', 'labels']));
    labels.set('kubernetes.io/hostname', o.name);
    const taints = arr(getIn(o.raw, ['spec', 'taints'])).map((t) => ({
      key: str(get(t, 'key')) ?? '',
      value: str(get(t, 'value')) ?? '',
      effect: str(get(t, 'effect')) ?? '',
    }));
    out.set(o.name, { labels, taints });
  }
  for (const name of model.nodes) {
    if (out.has(name)) continue;
    const labels = new Map([['kubernetes.io/hostname', name]]);
    const cp = name === model.controlPlaneNode;
    if (cp) labels.set(controlPlaneTaint, '');
    out.set(name, {
      labels,
      // kubeadm taints the control plane it sets up (cmd/kubeadm/app/constants).
      taints: cp ? [{ key: controlPlaneTaint, value: '', effect: 'NoSchedule' }] : [],
    });
  }
  return out;
}

/** A toleration tolerates a taint (staging/src/k8s.io/api/core/v1/toleration.go, ToleratesTaint). */
function tolerates(toleration: unknown, taint: NodeFacts['taints'][number]): boolean {
  const effect = str(get(toleration, 'effect')) ?? '';
  if (effect !== '' && effect !== taint.effect) return false;
  const key = str(get(toleration, 'key')) ?? '';
  const operator = str(get(toleration, 'operator')) ?? 'Equal';
  if (key === '') return operator === 'Exists';
  if (key !== taint.key) return false;
  if (operator === 'Exists') return true;
  return (str(get(toleration, 'value')) ?? '') === taint.value;
}

/** One `matchExpressions` entry of a node selector term against a node's labels. */
function matchesExpression(e: unknown, labels: Map<string, string>): boolean {
  const key = str(get(e, 'key')) ?? '';
  const values = arr(get(e, 'values')).filter((v): v is string => typeof v === 'string');
  const has = labels.has(key);
  switch (str(get(e, 'operator'))) {
    case 'In':
      return has && values.includes(labels.get(key)!);
    case 'NotIn':
      return !has || !values.includes(labels.get(key)!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // Gt and Lt compare numbers: too rare to matter; count the node in (the cautious side).
      return true;
  }
}

/** Every node a DaemonSet's pod runs on ([] for any other kind of workload). */
export function daemonSetNodes(model: ClusterModel, pod: Pod): string[] {
  if (pod.kind !== 'DaemonSet') return [];
  const spec = getIn(pod.object.raw, [...pod.templatePath, 'spec']);
  const selector = stringMap(get(spec, 'nodeSelector'));
  const terms = arr(
    getIn(spec, [
      'affinity',
      'nodeAffinity',
      'requiredDuringSchedulingIgnoredDuringExecution',
      'nodeSelectorTerms',
    ]),
  );
  const tolerations = arr(get(spec, 'tolerations'));
  const out: string[] = [];
  for (const [name, node] of nodeFacts(model)) {
    if (![...selector].every(([k, v]) => node.labels.get(k) === v)) continue;
    // Terms are ORed, the expressions of a term ANDed.
    if (
      terms.length > 0 &&
      !terms.some((t) =>
        arr(get(t, 'matchExpressions')).every((e) => matchesExpression(e, node.labels)),
      )
    )
      continue;
    const blocking = node.taints.filter(
      (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
    );
    if (blocking.every((t) => tolerations.some((tol) => tolerates(tol, t)))) out.push(name);
  }
  return out;
}
