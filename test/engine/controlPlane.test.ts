// The API server, kubelet and etcd settings as the binaries read them (model/controlPlane.ts):
// a value a binary refuses is an error at its line that says the component would not start,
// and what it accepts means what it means to the binary.

import { describe, expect, it } from 'vitest';
import { analyze, type Diagnostic, type InputFile } from '../../src/engine/index.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';

function staticPod(args: string[]): string {
  return `apiVersion: v1
kind: Pod
metadata: { name: kube-apiserver, namespace: kube-system }
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.33.0
      command:
        - kube-apiserver
${args.map((a) => `        - ${JSON.stringify(a)}`).join('\n')}
`;
}

/** A cluster the Internet reaches, where one binding grants system:unauthenticated everything. */
const overGranted = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: oops }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { kind: Group, name: system:unauthenticated, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  goals: [cluster-admin]
`;

function files(args: string[], ...more: string[]): InputFile[] {
  return [
    { path: 'kube-apiserver.yaml', text: staticPod(args) },
    { path: 'cluster.yaml', text: [overGranted, ...more].join('---\n') },
  ];
}

function modelOf(input: InputFile[]) {
  return buildModel(readObjects(parseFiles(input).documents).objects);
}

const refusals = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.code === 'would-not-start')
    .map((d) => ({ severity: d.severity, file: d.file, line: d.line }));

const mut = (input: InputFile[]) => analyze(input, { findings: false }).goals[0]!.mut;

describe('kube-apiserver flags', () => {
  it('refuses --anonymous-auth=fals: an error at its line, and no fix', () => {
    const result = analyze(files(['--authorization-mode=Node,RBAC', '--anonymous-auth=fals']));
    expect(refusals(result.diagnostics)).toEqual([
      { severity: 'error', file: 'kube-apiserver.yaml', line: 11 },
    ]);
    expect(result.diagnostics.find((d) => d.code)?.message).toMatch(
      /^kube-apiserver would not start: invalid argument "fals" for --anonymous-auth/,
    );
  });

  it.each(['T', 'TRUE', 'True', '1', 't'])('reads --anonymous-auth=%s as on', (v) => {
    expect(mut(files(['--authorization-mode=Node,RBAC', `--anonymous-auth=${v}`]))).toBe(0);
  });

  it.each(['F', 'FALSE', 'False', '0', 'f'])('reads --anonymous-auth=%s as off', (v) => {
    expect(mut(files(['--authorization-mode=Node,RBAC', `--anonymous-auth=${v}`]))).toBe(1);
  });

  it('refuses "--anonymous-auth false": a boolean flag leaves its value as an argument', () => {
    const result = analyze(files(['--authorization-mode=Node,RBAC', '--anonymous-auth', 'false']));
    expect(refusals(result.diagnostics)).toEqual([
      { severity: 'error', file: 'kube-apiserver.yaml', line: 12 },
    ]);
  });

  it('refuses an authorization mode it does not know, a repeated one, and Webhook without its file', () => {
    for (const mode of ['Node,RBAC,Foo', 'Node, RBAC', 'RBAC,RBAC', 'Node,Webhook']) {
      const result = analyze(files([`--authorization-mode=${mode}`]));
      expect(refusals(result.diagnostics).length, mode).toBeGreaterThan(0);
    }
  });

  it('reads the authorizer chain in order, with what each mode means', () => {
    const { apiServer } = modelOf(
      files([
        '--authorization-mode=Node,Webhook,RBAC',
        '--authorization-webhook-config-file=/etc/kubernetes/webhook.yaml',
      ]),
    ).model;
    expect(apiServer.authorization.value.modes).toEqual(['Node', 'Webhook', 'RBAC']);
    expect([apiServer.nodeEnabled.value, apiServer.rbacEnabled.value]).toEqual([true, true]);
    expect(apiServer.alwaysAllow.value).toBe(false);
  });

  it('without --authorization-mode, the binary authorises everything (AlwaysAllow)', () => {
    const { apiServer } = modelOf(files(['--anonymous-auth=false'])).model;
    expect(apiServer.authorization.value.modes).toEqual(['AlwaysAllow']);
    expect(apiServer.alwaysAllow.value).toBe(true);
    expect(apiServer.rbacEnabled.value).toBe(false);
  });

  it('AlwaysDeny has no opinion: AlwaysAllow after it still allows everything', () => {
    const { apiServer } = modelOf(files(['--authorization-mode=AlwaysDeny,AlwaysAllow'])).model;
    expect(apiServer.alwaysAllow.value).toBe(true);
    const denied = modelOf(files(['--authorization-mode=AlwaysDeny'])).model.apiServer;
    expect([denied.alwaysAllow.value, denied.rbacEnabled.value]).toEqual([false, false]);
  });

  it('reads --authorization-config: the chain is its authorizers, by type', () => {
    const config = `apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
  - { type: Node, name: node }
  - { type: RBAC, name: rbac }
`;
    const input = files(['--authorization-config=/etc/kubernetes/authz.yaml'], config);
    const { model, diagnostics } = modelOf(input);
    expect(model.apiServer.authorization.value.modes).toEqual(['Node', 'RBAC']);
    expect(refusals(diagnostics)).toEqual([]);
  });

  it('refuses an AuthorizationConfiguration with a repeated RBAC, or next to --authorization-mode', () => {
    const twice = `apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
  - { type: RBAC, name: rbac }
  - { type: RBAC, name: rbac2 }
`;
    const a = analyze(files(['--authorization-config=/etc/kubernetes/authz.yaml'], twice));
    expect(refusals(a.diagnostics).map((d) => d.file)).toEqual(['cluster.yaml']);
    const b = analyze(
      files(
        ['--authorization-config=/etc/kubernetes/authz.yaml', '--authorization-mode=RBAC'],
        twice.replace('type: RBAC, name: rbac2', 'type: Node, name: node'),
      ),
    );
    expect(refusals(b.diagnostics).map((d) => d.file)).toEqual(['kube-apiserver.yaml']);
  });

  it('refuses --allow-privileged=maybe, and reads the binary default (false) when it is absent', () => {
    const result = analyze(files(['--authorization-mode=Node,RBAC', '--allow-privileged=maybe']));
    expect(refusals(result.diagnostics)).toHaveLength(1);
    const absent = modelOf(files(['--authorization-mode=Node,RBAC'])).model.apiServer;
    expect(absent.allowPrivileged.value).toBe(false);
    // kubeadm writes --allow-privileged=true; with no API server in the input, so is it assumed.
    const none = modelOf([{ path: 'cluster.yaml', text: overGranted }]).model.apiServer;
    expect(none.allowPrivileged.value).toBe(true);
  });
});

describe('AuthenticationConfiguration anonymous', () => {
  const authn = (anonymous: string) => `apiVersion: apiserver.config.k8s.io/v1beta1
kind: AuthenticationConfiguration
anonymous:
${anonymous}
`;
  const args = [
    '--authorization-mode=Node,RBAC',
    '--authentication-config=/etc/kubernetes/authn.yaml',
  ];

  it('health-check paths only: anonymous reaches no API', () => {
    const conditions = '  enabled: true\n  conditions:\n    - path: /livez\n    - path: /readyz';
    expect(mut(files(args, authn(conditions)))).toBe(1);
  });

  it('an API path among the conditions: anonymous reaches the API', () => {
    const conditions =
      '  enabled: true\n  conditions:\n    - path: /api/v1/namespaces/default/secrets';
    expect(mut(files(args, authn(conditions)))).toBe(0);
  });

  it('refuses conditions without enabled: true, and --anonymous-auth next to it', () => {
    const off = analyze(files(args, authn('  enabled: false\n  conditions:\n    - path: /livez')));
    expect(refusals(off.diagnostics).map((d) => d.file)).toEqual(['cluster.yaml']);
    const both = analyze(files([...args, '--anonymous-auth=false'], authn('  enabled: true')));
    expect(refusals(both.diagnostics).map((d) => d.file)).toEqual(['kube-apiserver.yaml']);
  });
});

describe('kubelet settings', () => {
  const kubelet = (body: string): InputFile[] => [
    {
      path: 'kubelet.yaml',
      text: `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`,
    },
  ];

  it('refuses values of the wrong type or outside the enum, each at its line', () => {
    const { diagnostics } = modelOf(
      kubelet(
        'authentication:\n  anonymous:\n    enabled: "true"\nauthorization:\n  mode: Webhooks\nreadOnlyPort: 70000\n',
      ),
    );
    expect(refusals(diagnostics)).toEqual([
      { severity: 'error', file: 'kubelet.yaml', line: 5 },
      { severity: 'error', file: 'kubelet.yaml', line: 7 },
      { severity: 'error', file: 'kubelet.yaml', line: 8 },
    ]);
  });

  it("reads kubeadm's kubeletExtraArgs over the configuration file, as the kubelet does", () => {
    const join = `apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
nodeRegistration:
  kubeletExtraArgs:
    - { name: anonymous-auth, value: "true" }
    - { name: authorization-mode, value: AlwaysAllow }
    - { name: read-only-port, value: "10255" }
`;
    const input = kubelet('authentication:\n  anonymous:\n    enabled: false\n');
    input.push({ path: 'join.yaml', text: join });
    const { model, diagnostics } = modelOf(input);
    expect(refusals(diagnostics)).toEqual([]);
    expect(model.kubelet.anonymousAuth.value).toBe(true);
    expect(model.kubelet.alwaysAllow.value).toBe(true);
    expect(model.kubelet.readOnlyPort.value).toBe(10255);
  });
});

describe('etcd flags', () => {
  it('refuses --client-cert-auth=yes', () => {
    const etcd = `apiVersion: v1
kind: Pod
metadata: { name: etcd, namespace: kube-system }
spec:
  containers:
    - name: etcd
      command: [etcd, --client-cert-auth=yes, --listen-client-urls=https://127.0.0.1:2379]
`;
    const { diagnostics } = modelOf([{ path: 'etcd.yaml', text: etcd }]);
    expect(refusals(diagnostics)).toEqual([{ severity: 'error', file: 'etcd.yaml', line: 7 }]);
  });
});
