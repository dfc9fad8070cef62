// Writes src/engine/authz/bootstrapPolicy.json from upstream's own list of the RBAC objects an
// API server creates at start-up (../shared/corpus/bootstrap-policy, see its MANIFEST.md;
// Apache-2.0, The Kubernetes Authors). Only what authorisation reads is kept.
// Run: npx tsx scripts/gen-bootstrap-policy.ts

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

export const corpusDir = fileURLToPath(
  new URL('../../shared/corpus/bootstrap-policy/', import.meta.url),
);
export const outFile = fileURLToPath(
  new URL('../src/engine/authz/bootstrapPolicy.json', import.meta.url),
);
const files = [
  'cluster-roles-featuregates.yaml',
  'cluster-role-bindings.yaml',
  'controller-roles-featuregates.yaml',
  'controller-role-bindings.yaml',
  'namespace-roles.yaml',
  'namespace-role-bindings.yaml',
];

type Obj = Record<string, unknown>;

function slim(o: Obj): Obj {
  const meta = (o.metadata ?? {}) as Obj;
  const out: Obj = {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: {
      name: meta.name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      ...(meta.labels ? { labels: meta.labels } : {}),
    },
  };
  for (const key of ['rules', 'aggregationRule', 'roleRef', 'subjects'])
    if (o[key] !== undefined && o[key] !== null) out[key] = o[key];
  return out;
}

export function generate(): string {
  const items: Obj[] = [];
  for (const f of files) {
    const list = load(readFileSync(corpusDir + f, 'utf8')) as { items: Obj[] };
    items.push(...list.items.map(slim));
  }
  return `${JSON.stringify({ source: 'kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata', items })}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(outFile, generate());
  console.log(`wrote ${outFile}`);
}
