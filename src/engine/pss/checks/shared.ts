// Small helpers shared by the check files.

import type { Finding, JsonPath } from '../types.ts';

export const BASELINE_REF =
  'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline';
export const RESTRICTED_REF =
  'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted';

/** A finding whose message starts with the upstream admission reason. */
export function finding(reason: string, detail: string, path: JsonPath): Finding {
  return { message: `${reason}: ${detail}`, path };
}

/** Path of a field inside a container's securityContext. */
export function scPath(containerPath: JsonPath, ...rest: (string | number)[]): JsonPath {
  return [...containerPath, 'securityContext', ...rest];
}

export const POD_SC: JsonPath = ['spec', 'securityContext'];
