// The API versions a current API server serves for the kinds the model reads, and those it
// no longer serves: the releases are the API server's own deprecation warnings ("rbac.
// authorization.k8s.io/v1beta1 ClusterRole is deprecated in v1.17+, unavailable in v1.22+",
// from each version's generated prerelease lifecycle) as Kubernetes' deprecated API migration
// guide lists them (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). The
// stored upstream pkg/registry/rbac/rest/storage_rbac.go (d4858aa) predates 1.22 and still
// serves v1alpha1 and v1beta1 behind `VersionEnabled`: alpha versions were off by default.
// `kubectl apply` of `rbac.authorization.k8s.io/v1beta1` or of a ClusterRoleBinding written `apiVersion: v1` fails ("no matches for kind"): no cluster has such
// an object, so reading it as written counted grants and workloads that do not exist.

/** Kind → the apiVersion every supported release serves it in. */
const served = new Map<string, string>([
  ['Namespace', 'v1'],
  ['Pod', 'v1'],
  ['Service', 'v1'],
  ['ServiceAccount', 'v1'],
  ['Secret', 'v1'],
  ['ConfigMap', 'v1'],
  ['Node', 'v1'],
  ['ReplicationController', 'v1'],
  ['PersistentVolume', 'v1'],
  ['PersistentVolumeClaim', 'v1'],
  ['Deployment', 'apps/v1'],
  ['ReplicaSet', 'apps/v1'],
  ['StatefulSet', 'apps/v1'],
  ['DaemonSet', 'apps/v1'],
  ['Job', 'batch/v1'],
  ['CronJob', 'batch/v1'],
  ['Role', 'rbac.authorization.k8s.io/v1'],
  ['ClusterRole', 'rbac.authorization.k8s.io/v1'],
  ['RoleBinding', 'rbac.authorization.k8s.io/v1'],
  ['ClusterRoleBinding', 'rbac.authorization.k8s.io/v1'],
  ['Ingress', 'networking.k8s.io/v1'],
  ['NetworkPolicy', 'networking.k8s.io/v1'],
]);

/** Versions once served and removed, with the release that removed them. */
const removed = new Map<string, string>([
  ['extensions/v1beta1 Deployment', '1.16'],
  ['extensions/v1beta1 DaemonSet', '1.16'],
  ['extensions/v1beta1 ReplicaSet', '1.16'],
  ['extensions/v1beta1 NetworkPolicy', '1.16'],
  ['extensions/v1beta1 Ingress', '1.22'],
  ['apps/v1beta1 Deployment', '1.16'],
  ['apps/v1beta1 StatefulSet', '1.16'],
  ['apps/v1beta2 Deployment', '1.16'],
  ['apps/v1beta2 StatefulSet', '1.16'],
  ['apps/v1beta2 DaemonSet', '1.16'],
  ['apps/v1beta2 ReplicaSet', '1.16'],
  ['networking.k8s.io/v1beta1 Ingress', '1.22'],
  ['batch/v1beta1 CronJob', '1.25'],
  ['batch/v2alpha1 CronJob', '1.21'],
  ['rbac.authorization.k8s.io/v1beta1 Role', '1.22'],
  ['rbac.authorization.k8s.io/v1beta1 ClusterRole', '1.22'],
  ['rbac.authorization.k8s.io/v1beta1 RoleBinding', '1.22'],
  ['rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding', '1.22'],
]);

/**
 * Why no current API server would take an object of `kind` in `apiVersion` (undefined when
 * one would, or when the kind is not one the model reads as an API object).
 */
export function unservedVersion(kind: string, apiVersion: string): string | undefined {
  const current = served.get(kind);
  if (current === undefined || current === apiVersion) return undefined;
  const gone = removed.get(`${apiVersion} ${kind}`);
  if (gone) return `${apiVersion} ${kind} was removed in Kubernetes ${gone}: use ${current}`;
  // An alpha version is off unless the API server's --runtime-config turns it on, in every
  // release that had one.
  if (/\/v\d+alpha\d+$/.test(apiVersion))
    return `${apiVersion} is an alpha version no API server serves unless told to: use ${current}`;
  return `no Kubernetes release serves ${kind} in ${apiVersion}: it is ${current}`;
}

/** The API groups of the kinds above; a kind of the same name in another group is a custom resource. */
const builtinGroups = new Set([
  '',
  'apps',
  'batch',
  'extensions',
  'rbac.authorization.k8s.io',
  'networking.k8s.io',
]);

/** Whether the object is a custom resource that shares a built-in kind's name (a Knative `Service`). */
export function foreignKind(kind: string, apiVersion: string): boolean {
  if (!served.has(kind)) return false;
  const slash = apiVersion.indexOf('/');
  return !builtinGroups.has(slash === -1 ? '' : apiVersion.slice(0, slash));
}
