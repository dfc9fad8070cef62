// Names as the API server validates them (ValidateObjectMeta with each kind's name function:
// k8s.io/apimachinery/pkg/api/validation/objectmeta.go; pkg/apis/core/validation/validation.go
// ValidatePodName, ValidateServiceName, ValidateSecretName, ValidateConfigMapName,
// ValidateServiceAccountName, ValidateNodeName, ValidateNamespaceName; the apps, batch and
// networking validations). An object whose name, or whose namespace, the API server would not
// accept is refused (`kubectl apply` fails), so it is an error at the name's line and `mut check`
// fails, as for a field of the wrong type. RBAC objects are checked with the rest of their
// validation in authz/refusedRbac.ts, which also leaves them out.

import { get, str } from '../manifests/access';
import { objectRef, type KubeObject } from '../manifests/document';
import { locate } from '../manifests/locate';
import type { Diagnostic } from '../types';
import {
  label1035Rule as label1035,
  labelRule as label,
  subdomainRule as subdomain,
  type NameRule,
} from './names';
import { unservedVersion } from './servedVersions';

/**
 * The namespaced kinds the model reads (RBAC's aside) and their names' rule. A StatefulSet's
 * name is a DNS label in current releases and was a subdomain before: only what every release
 * refuses is refused.
 */
const namespacedKinds = new Map<string, NameRule>([
  ['Pod', subdomain],
  ['Deployment', subdomain],
  ['ReplicaSet', subdomain],
  ['ReplicationController', subdomain],
  ['StatefulSet', subdomain],
  ['DaemonSet', subdomain],
  ['Job', subdomain],
  ['CronJob', subdomain],
  ['ServiceAccount', subdomain],
  ['Secret', subdomain],
  ['ConfigMap', subdomain],
  ['Service', label1035],
  ['Ingress', subdomain],
  ['NetworkPolicy', subdomain],
]);

const clusterKinds = new Map<string, NameRule>([
  ['Namespace', label],
  ['Node', subdomain],
]);

export function refusedNames(objects: readonly KubeObject[], diagnostics: Diagnostic[]): void {
  for (const o of objects) {
    const rule = namespacedKinds.get(o.kind) ?? clusterKinds.get(o.kind);
    if (!rule) continue;
    const unserved = unservedVersion(o.kind, o.apiVersion);
    if (unserved)
      diagnostics.push({
        severity: 'error',
        message: `${objectRef(o)}: the API server would refuse it: ${unserved}`,
        ...locate(o, ['apiVersion']),
      });
    const metadata = get(o.raw, 'metadata');
    const name = str(get(metadata, 'name')) ?? '';
    if (name !== '' && !rule.valid(name))
      refuse(
        diagnostics,
        o,
        ['metadata', 'name'],
        o.kind === 'Namespace' ? 'the namespace name' : 'its name',
        name,
        rule,
      );
    const namespace = str(get(metadata, 'namespace')) ?? '';
    if (namespacedKinds.has(o.kind) && namespace !== '' && !label.valid(namespace))
      refuse(diagnostics, o, ['metadata', 'namespace'], 'metadata.namespace', namespace, label);
  }
}

function refuse(
  diagnostics: Diagnostic[],
  o: KubeObject,
  path: string[],
  what: string,
  name: string,
  r: NameRule,
): void {
  diagnostics.push({
    severity: 'error',
    message: `${objectRef(o)}: the API server would refuse it: ${what} ${JSON.stringify(name)} is not valid (${r.says})`,
    ...locate(o, path),
  });
}
