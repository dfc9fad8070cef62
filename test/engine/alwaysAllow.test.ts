// kube-apiserver never serves anonymous requests under AlwaysAllow: at start-up it logs
// "AnonymousAuth is not allowed with the AlwaysAllow authorizer. Resetting AnonymousAuth to
// false" and turns the flag off (k/k pkg/kubeapiserver/options/authentication.go,
// ApplyAuthorization). Only authenticated callers are all-powerful.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { apiServerPod as apiServer } from './staticPods.ts';

const exposedBlog = `apiVersion: v1
kind: Namespace
metadata:
  name: blog
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: blog
  namespace: blog
spec:
  selector: { matchLabels: { app: blog } }
  template:
    metadata:
      labels: { app: blog }
    spec:
      containers:
        - name: blog
          image: ghost:5
          ports: [{ containerPort: 2368 }]
---
apiVersion: v1
kind: Service
metadata:
  name: blog
  namespace: blog
spec:
  type: LoadBalancer
  selector: { app: blog }
  ports: [{ port: 80, targetPort: 2368 }]
`;

function techniques(r: ReturnType<typeof analyze>): string[] {
  return r.goals.flatMap((g) => g.witness?.steps.map((s) => s.technique) ?? []);
}

describe('AlwaysAllow resets anonymous authentication', () => {
  it('an anonymous caller on the Internet is not cluster-admin, even with --anonymous-auth=true', () => {
    const text = apiServer(['--anonymous-auth=true', '--authorization-mode=AlwaysAllow']);
    const r = analyze([{ path: 'kube-apiserver.yaml', text }], {
      goals: ['cluster-admin'],
      start: 'internet',
    });
    expect(r.goals[0]!.mut === null || r.goals[0]!.mut > 0).toBe(true);
    expect(techniques(r)).not.toContain('anonymous-authentication');
  });

  it('says so with an info diagnostic at the --anonymous-auth flag', () => {
    const text = apiServer(['--anonymous-auth=true', '--authorization-mode=AlwaysAllow']);
    const r = analyze([{ path: 'kube-apiserver.yaml', text }], { goals: ['cluster-admin'] });
    const d = r.diagnostics.find((x) => x.message.includes('AlwaysAllow'));
    expect(d).toMatchObject({ severity: 'info', file: 'kube-apiserver.yaml', line: 12 });
  });

  it('the flag left at its default (true) is reset too, and the diagnostic points at the mode', () => {
    const text = apiServer(['--authorization-mode=AlwaysAllow']);
    const r = analyze([{ path: 'kube-apiserver.yaml', text }], { goals: ['cluster-admin'] });
    const d = r.diagnostics.find((x) => x.message.includes('AlwaysAllow'));
    expect(d).toMatchObject({ severity: 'info', line: 12 });
    expect(techniques(r)).not.toContain('anonymous-authentication');
  });

  it('no mess-up turns anonymous authentication on while AlwaysAllow holds', () => {
    const text = apiServer(['--anonymous-auth=false', '--authorization-mode=AlwaysAllow']);
    const r = analyze([{ path: 'kube-apiserver.yaml', text }], { goals: ['cluster-admin'] });
    const templates = r.goals.flatMap((g) =>
      [g.witness, ...g.alternatives].flatMap((s) => s?.messUps.map((m) => m.template) ?? []),
    );
    expect(templates).not.toContain('anonymous-auth-enabled');
  });

  it('any authenticated caller is cluster-admin: one bug in an exposed pod with an automounted token (MUT 1)', () => {
    const text = apiServer(['--anonymous-auth=true', '--authorization-mode=AlwaysAllow']);
    const r = analyze(
      [
        { path: 'kube-apiserver.yaml', text },
        { path: 'blog.yaml', text: exposedBlog },
      ],
      { goals: ['cluster-admin'], start: 'internet' },
    );
    expect(r.goals[0]!.mut).toBe(1);
    expect(techniques(r)).toContain('api-authorization-always-allow');
    expect(r.goals[0]!.witness!.messUps.map((m) => m.template)).toEqual(['application-bug']);
    expect(techniques(r)).not.toContain('anonymous-authentication');
  });

  it('without AlwaysAllow, --anonymous-auth=true stays on and no diagnostic is given', () => {
    const text = apiServer(['--anonymous-auth=true', '--authorization-mode=Node,RBAC']);
    const r = analyze([{ path: 'kube-apiserver.yaml', text }], { goals: ['cluster-admin'] });
    expect(r.diagnostics.filter((x) => x.message.includes('AlwaysAllow'))).toEqual([]);
  });
});
