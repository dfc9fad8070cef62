// Namespace names as the API server validates them: a Namespace's own name, and the namespace
// of every namespaced object, is a DNS-1123 label (ValidateObjectMeta → ValidateNamespaceName =
// NameIsDNSLabel, k8s.io/apimachinery/pkg/api/validation/objectmeta.go and generic.go). An
// object whose namespace is not one is refused (`kubectl apply` fails), so it is an error at the
// name's line and `mut check` fails, as for a field of the wrong type. RBAC objects are checked
// with the rest of their validation in authz/refusedRbac.ts, which also leaves them out.

import { getIn, str } from '../manifests/access';
import { objectRef, type KubeObject } from '../manifests/document';
import { locate } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { isDnsLabel } from './names';

/** The namespaced kinds the model reads, RBAC's aside. */
const namespacedKinds = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'Service',
  'Ingress',
  'NetworkPolicy',
  'PersistentVolumeClaim',
]);

const rule =
  "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

export function refusedNamespaces(objects: readonly KubeObject[], diagnostics: Diagnostic[]): void {
  for (const o of objects) {
    const path =
      o.kind === 'Namespace'
        ? ['metadata', 'name']
        : namespacedKinds.has(o.kind)
          ? ['metadata', 'namespace']
          : undefined;
    if (!path) continue;
    const name = str(getIn(o.raw, path));
    if (name === undefined || name === '' || isDnsLabel(name)) continue;
    diagnostics.push({
      severity: 'error',
      message: `${objectRef(o)}: the API server would refuse it: ${o.kind === 'Namespace' ? 'its name' : 'metadata.namespace'} ${JSON.stringify(name)} is not a valid namespace name (${rule})`,
      ...locate(o, path),
    });
  }
}
