// The bootstrap policy: the RBAC objects every API server creates at start-up (the built-in
// `cluster-admin`, `admin`, `edit`, `view` and `system:*` roles, the controller manager's
// per-controller roles and their bindings to service accounts in kube-system). The data is
// upstream's own list (see scripts/gen-bootstrap-policy.ts and docs/engine.md).

import type { KubeObject, ParsedDocument } from '../manifests/document';
import policy from './bootstrapPolicy.json';

/** Where built-in objects are said to be written: no file of the input. */
export const builtinFile = '(built-in RBAC)';

const doc: ParsedDocument = {
  file: builtinFile,
  index: 0,
  startLine: 1,
  text: '',
  value: policy,
};

let objects: KubeObject[] | undefined;
const builtins = new WeakSet<KubeObject>();

/** The built-in objects, read once: nothing changes them (aggregation writes new rule lists). */
export function bootstrapObjects(): readonly KubeObject[] {
  if (!objects) {
    objects = policy.items.map((raw, i) => {
      const metadata = raw.metadata as { name: string; namespace?: string };
      const o: KubeObject = {
        kind: raw.kind,
        apiVersion: raw.apiVersion,
        name: metadata.name,
        namespace: metadata.namespace,
        raw: raw as unknown as Record<string, unknown>,
        doc,
        path: ['items', i],
      };
      builtins.add(o);
      return o;
    });
  }
  return objects;
}

export function isBuiltin(o: KubeObject): boolean {
  return builtins.has(o);
}
