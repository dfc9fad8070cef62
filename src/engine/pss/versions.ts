// The policy versions of the Pod Security checks, as data: for each check, the minor
// versions (of Kubernetes 1.x) at which upstream gives it a new implementation, its
// `Versions: []VersionedCheck{{MinimumVersion: ...}}` (staging/src/k8s.io/pod-security-admission/
// policy/check_*.go). A namespace pinned with `enforce-version: v1.N` is checked by each
// check's newest implementation not newer than N, and not at all by a check whose first
// implementation is newer (policy/registry.go); `latest`, or a version newer than every
// check knows, uses the newest.

export const checkVersions: Readonly<Record<string, readonly number[]>> = {
  // baseline
  windowsHostProcess: [0],
  hostNamespaces: [0],
  privileged: [0],
  capabilities_baseline: [0],
  hostPathVolumes: [0],
  hostPorts: [0],
  // The host field of probes and lifecycle handlers.
  hostProbesAndHostLifecycle: [34],
  appArmorProfile: [0],
  // 1.31: container_engine_t is allowed.
  seLinuxOptions: [0, 31],
  // 1.35: an unmasked /proc is allowed in a user namespace (spec.hostUsers: false).
  procMount: [0, 35],
  // 1.0: the alpha seccomp annotations; 1.19: the seccompProfile fields.
  seccompProfile_baseline: [0, 19],
  // Each version allows more namespaced sysctls (checks/sysctls.ts).
  sysctls: [0, 27, 29, 32, 37],
  // restricted
  restrictedVolumes: [0],
  // 1.25: Windows pods are exempt.
  allowPrivilegeEscalation: [8, 25],
  // 1.35: pods in a user namespace are exempt.
  runAsNonRoot: [0, 35],
  runAsUser: [23, 35],
  seccompProfile_restricted: [19, 25],
  capabilities_restricted: [22, 25],
  procMount_restricted: [35],
};

/** The minor version a policy version asks for: `latest` is every version to come. */
export function policyMinor(version: string): number {
  const m = /^v1\.(0|[1-9][0-9]*)$/.exec(version);
  return m ? Number(m[1]) : Infinity;
}

/**
 * Which implementation of a check runs at a policy version: the newest whose minimum is not
 * newer, or undefined when the check did not exist yet.
 */
export function implementationAt(check: string, minor: number): number | undefined {
  const versions = checkVersions[check] ?? [0];
  let found: number | undefined;
  for (const v of versions) if (v <= minor) found = v;
  return found;
}
