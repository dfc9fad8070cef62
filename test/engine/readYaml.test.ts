// The engine reads YAML the way Kubernetes does (YAML 1.1 through sigs.k8s.io/yaml), so a
// manifest means the same to MUT Lab as to the API server.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { clearParseCache, parseFiles } from '../../src/engine/manifests/parseFiles.ts';

const valueOf = (text: string) => {
  clearParseCache();
  return parseFiles([{ path: 'a.yaml', text }]).documents[0]!.value as Record<string, unknown>;
};

describe('reading YAML as Kubernetes does', () => {
  it('keeps a plain date-like scalar as text, as `creationTimestamp` arrives from kubectl', () => {
    const value = valueOf('metadata:\n  creationTimestamp: 2024-01-02T03:04:05Z\n');
    expect(value.metadata).toEqual({ creationTimestamp: '2024-01-02T03:04:05Z' });
  });

  it('resolves merge keys (`<<`), so a container built from an anchor is analysed', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: default }
spec:
  containers:
    - <<: &risky { image: nginx, securityContext: { privileged: true } }
      name: web
`;
    clearParseCache();
    const result = analyze([{ path: 'pod.yaml', text }]);
    expect(result.findings.map((f) => f.technique ?? f.check)).toContain('privileged-container');
  });
});
