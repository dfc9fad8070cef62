import { arr, get, getIn, isObj, str, stringMap } from '../manifests/access';
import type { KubeObject } from '../manifests/document';

// Which nodes a pod may run on, as the kube-scheduler's filters decide it: the NodeAffinity
// plugin (`nodeSelector` and required node affinity, k8s.io/component-helpers
// scheduling/corev1/nodeaffinity GetRequiredNodeAffinity) and the TaintToleration plugin
// (every NoSchedule and NoExecute taint tolerated, pkg/scheduler/framework/plugins/
// tainttoleration; ToleratesTaint in k8s.io/api/core/v1/toleration.go). The DaemonSet
// controller asks the same two questions (NodeShouldRunDaemonPod).

export interface Taint {
  key: string;
  value: string;
  effect: string;
}

export interface SchedulingNode {
  name: string;
  labels: ReadonlyMap<string, string>;
  taints: readonly Taint[];
  controlPlane: boolean;
}

const controlPlaneLabels = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
];

/** The Node objects of the input, with the hostname label every kubelet sets. */
export function readNodes(objects: readonly KubeObject[]): SchedulingNode[] {
  const out: SchedulingNode[] = [];
  for (const o of objects) {
    if (o.kind !== 'Node') continue;
    const labels = stringMap(getIn(o.raw, ['metadata', 'labels']));
    if (!labels.has('kubernetes.io/hostname')) labels.set('kubernetes.io/hostname', o.name);
    out.push({
      name: o.name,
      labels,
      taints: arr(getIn(o.raw, ['spec', 'taints'])).map((t) => ({
        key: str(get(t, 'key')) ?? '',
        value: str(get(t, 'value')) ?? '',
        effect: str(get(t, 'effect')) ?? '',
      })),
      controlPlane: controlPlaneLabels.some((l) => labels.has(l)),
    });
  }
  return out;
}

/**
 * A toleration tolerates a taint (ToleratesTaint, k8s.io/api/core/v1/toleration.go at
 * 19c6083b): an empty effect matches every effect and an empty key every key; `Exists`
 * every value, `Equal` (or no operator) the same value, `Lt`/`Gt` the taint's value
 * compared as an integer with the toleration's.
 */
export function tolerates(toleration: unknown, taint: Taint): boolean {
  const effect = str(get(toleration, 'effect')) ?? '';
  if (effect !== '' && effect !== taint.effect) return false;
  const key = str(get(toleration, 'key')) ?? '';
  if (key !== '' && key !== taint.key) return false;
  const value = str(get(toleration, 'value')) ?? '';
  switch (str(get(toleration, 'operator')) ?? '') {
    case '':
    case 'Equal':
      return value === taint.value;
    case 'Exists':
      return true;
    case 'Lt':
    case 'Gt': {
      const bound = int64(value);
      const have = int64(taint.value);
      if (bound === undefined || have === undefined) return false;
      return get(toleration, 'operator') === 'Lt' ? have < bound : have > bound;
    }
    default:
      return false;
  }
}

/** Go's strconv.ParseInt(s, 10, 64), as labels.Requirement and tolerations read integers. */
function int64(s: string | undefined): bigint | undefined {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** One `matchExpressions` entry against a node's labels (k8s.io/apimachinery labels.Requirement). */
export function matchesExpression(e: unknown, labels: ReadonlyMap<string, string>): boolean {
  const key = str(get(e, 'key')) ?? '';
  const values = arr(get(e, 'values')).filter((v): v is string => typeof v === 'string');
  const value = labels.get(key);
  switch (str(get(e, 'operator'))) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // The requirement holds one integer; a label that is absent or not an integer fails.
      const bound = values.length === 1 ? int64(values[0]) : undefined;
      const have = int64(value);
      if (bound === undefined || have === undefined) return false;
      return get(e, 'operator') === 'Gt' ? have > bound : have < bound;
    }
    default:
      // An operator the API server's validation refuses: the term matches nothing.
      return false;
  }
}

/** `matchFields`: only `metadata.name`, with In or NotIn and one value. */
function matchesField(e: unknown, name: string): boolean {
  const values = arr(get(e, 'values'));
  if (str(get(e, 'key')) !== 'metadata.name' || values.length !== 1) return false;
  const op = str(get(e, 'operator'));
  if (op === 'In') return values[0] === name;
  if (op === 'NotIn') return values[0] !== name;
  return false;
}

/**
 * The required node affinity of a pod spec (NodeAffinity's filter): every `nodeSelector`
 * label equal, and, when `requiredDuringSchedulingIgnoredDuringExecution` is given, one of
 * its terms (ORed) whose expressions and fields all match (ANDed); an empty term matches
 * no node.
 */
export function affinityMatches(spec: unknown, node: SchedulingNode): boolean {
  for (const [k, v] of stringMap(get(spec, 'nodeSelector')))
    if (node.labels.get(k) !== v) return false;
  const required = getIn(spec, [
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
  ]);
  if (!isObj(required)) return true;
  return arr(get(required, 'nodeSelectorTerms')).some((term) => {
    const expressions = arr(get(term, 'matchExpressions'));
    const fields = arr(get(term, 'matchFields'));
    if (expressions.length === 0 && fields.length === 0) return false;
    return (
      expressions.every((e) => matchesExpression(e, node.labels)) &&
      fields.every((f) => matchesField(f, node.name))
    );
  });
}

/** Every NoSchedule and NoExecute taint of the node is tolerated (PreferNoSchedule only scores). */
export function toleratesNode(spec: unknown, node: SchedulingNode): boolean {
  const tolerations = arr(get(spec, 'tolerations'));
  return node.taints.every(
    (t) =>
      (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') ||
      tolerations.some((tol) => tolerates(tol, t)),
  );
}

/** The scheduler's two filters together: the pod may be placed on the node. */
export function fits(spec: unknown, node: SchedulingNode): boolean {
  return affinityMatches(spec, node) && toleratesNode(spec, node);
}
