// Labels and workload selectors the API server refuses (ValidateObjectMeta → ValidateLabels for
// every object; ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec and
// ValidateDaemonSetSpec in pkg/apis/apps/validation/validation.go; ValidateReplicationControllerSpec
// and ValidatePodTemplateSpec in pkg/apis/core/validation/validation.go; the Job's manual
// selector in pkg/apis/batch/validation/validation.go). An object so refused is never stored:
// each problem is an error at its line and `mut check` fails. The best known is a Deployment
// whose selector does not match its template's labels, which `kubectl apply` refuses with
// "`selector` does not match template `labels`" while the engine read its pods as running.
// RBAC objects are validated with the rest of their fields in authz/refusedRbac.ts.

import { get, getIn, isObj, stringMap } from '../manifests/access';
import { objectRef, type KubeObject } from '../manifests/document';
import { locate } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { labelProblems, labelSelectorProblems } from './labelRules';
import { matchesSelector } from './selectors';

type Path = (string | number)[];

/** apps/v1 kinds: a selector is required, may not be empty, and must match the template. */
const appsKinds = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
const rbacKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Where each kind keeps its pod template's labels (constant paths: read for every object). */
const templateLabels = new Map<string, Path>([
  ...[...appsKinds, 'ReplicationController', 'Job'].map((kind): [string, Path] => [
    kind,
    ['spec', 'template', 'metadata', 'labels'],
  ]),
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']],
]);
const objectLabels: Path = ['metadata', 'labels'];

export function refusedLabels(objects: readonly KubeObject[], diagnostics: Diagnostic[]): void {
  for (const o of objects) {
    if (rbacKinds.has(o.kind)) continue;
    const refuse = (path: Path, what: string) =>
      diagnostics.push({
        severity: 'error',
        message: `${what}: the API server would refuse ${objectRef(o)}`,
        ...locate(o, path),
      });
    labelProblems(getIn(o.raw, objectLabels), objectLabels, refuse);
    const labelsPath = templateLabels.get(o.kind);
    if (!labelsPath) continue;
    const labels = getIn(o.raw, labelsPath);
    labelProblems(labels, labelsPath, refuse);
    if (appsKinds.has(o.kind)) appsSelector(o, stringMap(labels), labelsPath, refuse);
    else if (o.kind === 'ReplicationController') controllerSelector(o, stringMap(labels), refuse);
    else if (o.kind === 'Job' && get(get(o.raw, 'spec'), 'manualSelector') === true)
      appsSelector(o, stringMap(labels), labelsPath, refuse);
  }
}

function appsSelector(
  o: KubeObject,
  labels: Map<string, string>,
  labelsPath: Path,
  refuse: (path: Path, what: string) => void,
): void {
  const selector = getIn(o.raw, ['spec', 'selector']);
  if (!isObj(selector)) return refuse(['spec'], 'spec.selector is required');
  const given = [get(selector, 'matchLabels'), get(selector, 'matchExpressions')];
  const empty = given.every(
    (g) =>
      g === undefined ||
      g === null ||
      (isObj(g) ? !Object.keys(g).length : Array.isArray(g) && !g.length),
  );
  if (empty) return refuse(['spec', 'selector'], 'an empty selector would select every pod');
  let malformed = false;
  labelSelectorProblems(selector, ['spec', 'selector'], (path, what) => {
    malformed = true;
    refuse(path, what);
  });
  if (!malformed && !matchesSelector(selector, labels))
    refuse(
      getIn(o.raw, labelsPath) !== undefined ? labelsPath : ['spec', 'selector'],
      'its selector does not match its pod template’s labels',
    );
}

/** A ReplicationController's selector is a plain map, defaulted from the template's labels. */
function controllerSelector(
  o: KubeObject,
  labels: Map<string, string>,
  refuse: (path: Path, what: string) => void,
): void {
  const selector = stringMap(getIn(o.raw, ['spec', 'selector']));
  for (const [key, value] of selector)
    if (labels.get(key) !== value)
      return refuse(['spec', 'selector'], 'its selector does not match its pod template’s labels');
}
