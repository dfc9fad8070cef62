// Credentials kept in Secrets (issue #21, item 3): which Secrets hold a credential, whose
// power it is when the manifests say, and the CIS 5.1.2 finding for reading every Secret.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function credentials(text: string) {
  const { objects } = readObjects(parseFiles([{ path: 'in.yaml', text }]).documents);
  const { model } = buildModel(objects);
  return Object.fromEntries([...model.secrets].map(([k, s]) => [k, s.credential]));
}

const secret = (name: string, ns: string, body: string) => `---
apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: ${ns}
${body}`;

describe('credentials kept in Secrets', () => {
  it('reads a bootstrap token from base64 data, as the authenticator does', () => {
    const found = credentials(
      secret(
        'bootstrap-token-abcdef',
        'kube-system',
        `type: bootstrap.kubernetes.io/token
data:
  token-id: ${b64('abcdef')}
  token-secret: ${b64('0123456789abcdef')}
  usage-bootstrap-authentication: ${b64('true')}
  auth-extra-groups: ${b64('system:bootstrappers:kubeadm:default-node-token')}
  expiration: ${b64('2030-01-01T00:00:00Z')}
`,
      ),
    );
    expect(found['kube-system/bootstrap-token-abcdef']).toEqual({
      kind: 'bootstrap-token',
      user: 'system:bootstrap:abcdef',
      groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token'],
    });
  });

  it('refuses a bootstrap token outside kube-system, under another name, or with an expiry that does not parse', () => {
    const body = (id: string, extra = '') => `type: bootstrap.kubernetes.io/token
stringData:
  token-id: ${id}
  token-secret: 0123456789abcdef
  usage-bootstrap-authentication: 'true'
${extra}`;
    const found = credentials(
      secret('bootstrap-token-abcdef', 'default', body('abcdef')) +
        secret('bootstrap-token-abcdef', 'kube-system', body('fedcba')) +
        secret('bootstrap-token-123456', 'kube-system', body('123456', '  expiration: tomorrow\n')),
    );
    expect(Object.values(found)).toEqual([undefined, undefined, undefined]);
  });

  it('knows registry logins, Argo CD cluster Secrets and cloud keys by their type, label or key names', () => {
    const found = credentials(
      secret(
        'pull',
        'app',
        `type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64('{}')}\n`,
      ) +
        `---
apiVersion: v1
kind: Secret
metadata:
  name: prod
  namespace: argocd
  labels: { argocd.argoproj.io/secret-type: cluster }
stringData: { server: https://kubernetes.default.svc }
` +
        secret('aws', 'ops', 'stringData:\n  AWS_SECRET_ACCESS_KEY: x\n') +
        secret('plain', 'app', 'stringData:\n  password: hunter2\n'),
    );
    expect(found['app/pull']).toEqual({
      kind: 'unknown-holder',
      what: 'a container registry login',
    });
    expect(found['argocd/prod']).toEqual({
      kind: 'unknown-holder',
      what: 'an Argo CD cluster credential',
    });
    expect(found['ops/aws']).toEqual({ kind: 'unknown-holder', what: 'an AWS access key' });
    expect(found['app/plain']).toBeUndefined();
  });

  it('ties a Helm release Secret to the Secrets Helm annotated as part of that release', () => {
    const found = credentials(
      `---
apiVersion: v1
kind: Secret
metadata:
  name: sh.helm.release.v1.shop.v1
  namespace: app
  labels: { owner: helm, name: shop }
type: helm.sh/release.v1
---
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: app
  annotations: { meta.helm.sh/release-name: shop, meta.helm.sh/release-namespace: app }
stringData: { password: x }
` + secret('other', 'app', 'stringData: { password: y }\n'),
    );
    expect(found['app/sh.helm.release.v1.shop.v1']).toEqual({
      kind: 'helm-release',
      release: 'shop',
      contains: ['app/db'],
    });
  });
});

describe('reading every Secret of the cluster (CIS 5.1.2)', () => {
  const grant = (
    kind: 'ClusterRoleBinding' | 'RoleBinding',
  ) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
  - apiGroups: ['']
    resources: [secrets]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: controller-reads-secrets
${kind === 'RoleBinding' ? '  namespace: app\n' : ''}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
subjects:
  - kind: ServiceAccount
    name: controller
    namespace: ingress
`;
  const cis = (text: string) =>
    analyze([{ path: 'rbac.yaml', text }]).findings.filter((f) => f.check === 'cis:5.1.2');

  it('is a finding at the subject a ClusterRoleBinding grants it to', () => {
    const found = cis(grant('ClusterRoleBinding'));
    expect(found).toHaveLength(1);
    expect(found[0]!.object).toBe('ClusterRoleBinding controller-reads-secrets');
    expect(found[0]!.references).toContain('cis:5.1.2');
    expect(found[0]!.location.line).toBe(
      grant('ClusterRoleBinding')
        .split('\n')
        .findIndex((l) => l.includes('kind: ServiceAccount')) + 1,
    );
  });

  it('is not a finding when the grant is one namespace', () => {
    expect(cis(grant('RoleBinding'))).toEqual([]);
  });
});
