import type { KubeObject } from '../manifests/document';
import { readRbac as readRbacObjects, type RbacModel, type SubjectKey } from '../authz/rbacModel';
import type { Diagnostic } from '../types';

export interface RbacResult {
  rbac: RbacModel;
  /** Every subject a binding of the input names (mess-ups may over-grant them). */
  subjects: Set<SubjectKey>;
  diagnostics: Diagnostic[];
}

/**
 * The cluster's RBAC as the authorizer sees it (src/engine/authz/). The subjects of the
 * built-in bindings (the controller manager's service accounts) are identities, but not
 * candidates for an over-grant: the mess-ups speak of what a cluster's own manifests name.
 */
export function readRbac(
  objects: readonly KubeObject[],
  options: { bootstrapPolicy: boolean } = { bootstrapPolicy: true },
): RbacResult {
  const { rbac, diagnostics } = readRbacObjects(objects, options);
  const subjects = new Set<SubjectKey>();
  for (const b of rbac.bindings) if (!b.builtin) for (const s of b.subjects) subjects.add(s.key);
  return { rbac, subjects, diagnostics };
}
