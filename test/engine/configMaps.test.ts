// A ConfigMap the analysis reads (EKS's aws-auth, or the one a recognised component's flag
// names, such as ingress-nginx's --configmap) is modelled; any other is "not modelled", and the
// diagnostic names the ones that are read.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze } from '../../src/engine/index.ts';

const awsAuth = `apiVersion: v1
kind: ConfigMap
metadata:
  name: aws-auth
  namespace: kube-system
data:
  mapRoles: |
    - rolearn: arn:aws:iam::111122223333:role/admin
      username: admin
      groups: [system:masters]
`;

const other = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  LOG_LEVEL: debug
`;

function notModelled(text: string) {
  return analyze([{ path: 'cm.yaml', text }]).diagnostics.filter((d) =>
    d.message.includes('not modelled'),
  );
}

describe('ConfigMaps', () => {
  it('aws-auth in kube-system is read, so it is not called unmodelled', () => {
    expect(notModelled(awsAuth)).toEqual([]);
  });

  it('another ConfigMap is not modelled, and the message names the ones that are read', () => {
    const found = notModelled(`${awsAuth}---\n${other}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('info');
    // At the unread ConfigMap, not at aws-auth (lines 1 to 10).
    expect(found[0]!.line).toBeGreaterThan(10);
    expect(found[0]!.message).toMatch(/^ConfigMap is not modelled/);
    expect(found[0]!.message).toContain('only kube-system/aws-auth');
  });

  it('an aws-auth outside kube-system is not the one EKS reads', () => {
    expect(notModelled(awsAuth.replace('kube-system', 'default'))).toHaveLength(1);
  });

  it("the ConfigMap ingress-nginx's --configmap flag names is read by the component catalogue", () => {
    const path = 'test/apps/ingress-nginx/deploy.yaml';
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('--configmap=$(POD_NAMESPACE)/ingress-nginx-controller');
    expect(notModelled(text).filter((d) => d.message.startsWith('ConfigMap'))).toEqual([]);
    // Another ConfigMap beside it is still unmodelled, at its own line.
    const found = notModelled(`${text}\n---\n${other}`).filter((d) =>
      d.message.startsWith('ConfigMap'),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBeGreaterThan(text.split('\n').length);
    expect(found[0]!.message).toContain('--configmap');
  });
});
