// The public install manifests of test/apps/<name>/ (each folder's MANIFEST.md names its source):
// what the component catalogue recognises in each, which behaviours hold, and what they open,
// judged by the app's contribution: the same cluster analysed with and without the app.
// Variants (a patched release, a setting turned off) are the upstream text with one edit.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recogniseComponents } from '../../src/engine/components/recognise.ts';
import { analyze, type InputFile } from '../../src/engine/index.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import { ingressPublisher } from '../engine/ingressPublisher.ts';

const appsDir = fileURLToPath(new URL('.', import.meta.url));

/** The YAML files of an app folder, as `mut analyze test/apps/<name>` reads them. */
function app(name: string): InputFile[] {
  const dir = path.join(appsDir, name);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ path: `${name}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** The app with one textual edit to one of its files (the edit must apply). */
function edited(name: string, file: string, from: string, to: string): InputFile[] {
  return app(name).map((f) => {
    if (f.path !== `${name}/${file}`) return f;
    expect(f.text, `${f.path} contains ${from}`).toContain(from);
    return { ...f, text: f.text.replace(from, to) };
  });
}

/** What the catalogue recognises: `component container@version: behaviours`. */
function recognised(files: InputFile[]): string[] {
  const { model } = buildModel(readObjects(parseFiles(files).documents).objects);
  return recogniseComponents(model).map(
    (m) =>
      `${m.component.id} ${m.pod.id}#${m.container.name}@${m.version ?? '?'}: ${m.behaviours.map((b) => b.behaviour.id).join(', ')}`,
  );
}

function goal(files: InputFile[], id: string) {
  const result = analyze(files);
  expect(
    result.diagnostics.filter((d) => d.severity === 'error'),
    'the input is read whole',
  ).toEqual([]);
  const found = result.goals.find((g) => g.goal === id);
  if (!found) throw new Error(`no goal ${id}`);
  return {
    mut: found.mut,
    techniques: found.witness?.steps.map((s) => s.technique) ?? [],
    findings: result.findings.filter((f) => f.technique === 'component-acts-for-caller'),
  };
}

const doc = (text: string): InputFile => ({ path: 'cluster/extra.yaml', text });

/** A team's app whose service account may create Ingresses in its namespace (or not). */
const team = (mayPublish: boolean) =>
  doc(`apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: team }
spec:
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
      serviceAccountName: app
      containers: [{ name: app, image: "team/app:1" }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: app, namespace: team }
---
apiVersion: v1
kind: Secret
metadata: { name: stripe-key, namespace: payments }
stringData: { key: example }
${
  mayPublish
    ? `---
${ingressPublisher('app')}`
    : ''
}---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  cloud: { metadata: false }
  attacker: { start: pod:team/app }
  goals: [secret:payments/stripe-key]
`);

describe('ingress-nginx (deploy/static/provider/cloud/deploy.yaml, v1.5.2)', () => {
  const nginx = app('ingress-nginx');

  it('is recognised, with every behaviour its release and ConfigMap allow', () => {
    expect(recognised(nginx)).toEqual([
      'ingress-nginx ingress-nginx/Deployment/ingress-nginx-controller#controller@1.5.2: snippet-annotations, annotation-injection, path-injection, auth-proxy-set-headers-injection, rewrite-target-injection, comment-injection, admission-webhook-rce',
    ]);
  });

  it('points each finding at the line that makes it hold', () => {
    // Findings follow rights: with a team that may publish Ingresses and runs a pod, each
    // behaviour has someone to use it.
    const lines = goal([...nginx, team(true)], 'secret:payments/stripe-key').findings.map(
      (f) => f.location.line,
    );
    // allow-snippet-annotations in the ConfigMap, the image's tag, --validating-webhook.
    expect(lines).toEqual([323, 425, 439]);
  });

  it('lists a behaviour as a finding only when some identity could use it', () => {
    // Alone, nobody may create an Ingress, so the snippet setting is no finding.
    const lines = goal(nginx, 'cluster-admin').findings.map((f) => f.location.line);
    expect(lines).not.toContain(323);
  });

  // Without the webhook, only Ingress authors can make the controller act.
  const noWebhook = edited('ingress-nginx', 'deploy.yaml', '- --validating-webhook=:8443\n', '');

  it('gives whoever may create an Ingress the controller, and with it every Secret', () => {
    expect(goal([team(true)], 'secret:payments/stripe-key').mut).not.toBe(0);
    expect(goal([...noWebhook, team(false)], 'secret:payments/stripe-key').mut).not.toBe(0);
    const withApp = goal([...noWebhook, team(true)], 'secret:payments/stripe-key');
    expect(withApp.mut).toBe(0);
    expect(withApp.techniques).toContain('component-acts-for-caller');
  });

  it('gives any pod the controller through its admission webhook (IngressNightmare)', () => {
    const withApp = goal([...nginx, team(false)], 'secret:payments/stripe-key');
    expect(withApp.mut).toBe(0);
    expect(withApp.techniques).toContain('component-acts-for-caller');
  });

  const patched = edited(
    'ingress-nginx',
    'deploy.yaml',
    'controller:v1.5.2@',
    'controller:v1.15.1@',
  );

  it('on a patched release, snippets stay off at the default risk level and nothing holds', () => {
    expect(recognised(patched)).toEqual([
      'ingress-nginx ingress-nginx/Deployment/ingress-nginx-controller#controller@1.15.1: ',
    ]);
    const result = goal([...patched, team(true)], 'secret:payments/stripe-key');
    expect(result.techniques).not.toContain('component-acts-for-caller');
    expect(result.mut).not.toBe(0);
  });

  it('on a patched release, snippets come back with annotations-risk-level Critical', () => {
    const critical = patched.map((f) =>
      f.path.endsWith('deploy.yaml')
        ? {
            ...f,
            text: f.text.replace(
              'allow-snippet-annotations: "true"',
              'allow-snippet-annotations: "true"\n  annotations-risk-level: Critical',
            ),
          }
        : f,
    );
    expect(recognised(critical)[0]).toMatch(/@1\.15\.1: snippet-annotations$/);
  });

  it('with snippets disabled in the ConfigMap, v1.5.2 is still open to the 2025 injections', () => {
    const disabled = edited(
      'ingress-nginx',
      'deploy.yaml',
      'allow-snippet-annotations: "true"',
      'allow-snippet-annotations: "false"',
    );
    expect(recognised(disabled)[0]).toMatch(
      /@1\.5\.2: annotation-injection, path-injection, auth-proxy-set-headers-injection, rewrite-target-injection, comment-injection, admission-webhook-rce$/,
    );
  });

  it('before v1.0.1 no setting turns snippets off', () => {
    const old = edited('ingress-nginx', 'deploy.yaml', 'controller:v1.5.2@', 'controller:v1.0.0@');
    const disabled = old.map((f) => ({
      ...f,
      text: f.text.replace(
        'allow-snippet-annotations: "true"',
        'allow-snippet-annotations: "false"',
      ),
    }));
    expect(recognised(disabled)[0]).toMatch(/@1\.0\.0: snippet-annotations-unmitigable, /);
  });

  it('without --validating-webhook no pod reaches the webhook', () => {
    expect(recognised(noWebhook)[0]).toMatch(
      /@1\.5\.2: snippet-annotations, annotation-injection, path-injection, auth-proxy-set-headers-injection, rewrite-target-injection, comment-injection$/,
    );
  });
});

/** The dashboard's service account bound to cluster-admin (the classic mistake) and a NodePort. */
const exposedAdmin = (namespace: string) =>
  doc(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: dashboard-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: kubernetes-dashboard, namespace: ${namespace} }]
---
apiVersion: v1
kind: Service
metadata: { name: dashboard-public, namespace: ${namespace} }
spec:
  type: NodePort
  selector: { k8s-app: kubernetes-dashboard }
  ports: [{ port: 443, targetPort: 8443 }]
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  apiServer: { exposure: private }
  goals: [cluster-admin]
`);

describe('Kubernetes Dashboard v2 (aio/deploy/recommended.yaml, v2.0.4)', () => {
  const dashboard = app('kubernetes-dashboard-v2');

  it('is recognised; over HTTPS without --enable-skip-login it lends its account to nobody', () => {
    expect(recognised(dashboard)).toEqual([
      'kubernetes-dashboard kubernetes-dashboard/Deployment/kubernetes-dashboard#kubernetes-dashboard@2.0.4: ',
    ]);
    const result = goal([...dashboard, exposedAdmin('kubernetes-dashboard')], 'cluster-admin');
    expect(result.techniques).not.toContain('component-acts-for-caller');
    expect(result.mut).not.toBe(0);
  });

  it('with --enable-skip-login, the Internet gets its service account', () => {
    const skip = edited(
      'kubernetes-dashboard-v2',
      'recommended.yaml',
      '- --namespace=kubernetes-dashboard\n',
      '- --namespace=kubernetes-dashboard\n            - --enable-skip-login\n',
    );
    expect(recognised(skip)[0]).toMatch(/@2\.0\.4: skip-login$/);
    const result = goal([...skip, exposedAdmin('kubernetes-dashboard')], 'cluster-admin');
    expect(result.mut).toBe(0);
    expect(result.techniques).toContain('component-acts-for-caller');
    // Without the app, the same cluster is not taken today.
    expect(goal([exposedAdmin('kubernetes-dashboard')], 'cluster-admin').mut).not.toBe(0);
  });

  it('--enable-skip-login=false is read as pflag reads it', () => {
    const off = edited(
      'kubernetes-dashboard-v2',
      'recommended.yaml',
      '- --namespace=kubernetes-dashboard\n',
      '- --namespace=kubernetes-dashboard\n            - --enable-skip-login=false\n',
    );
    expect(recognised(off)[0]).toMatch(/@2\.0\.4: $/);
  });
});

describe('Kubernetes Dashboard v1 (aio/deploy/recommended/kubernetes-dashboard.yaml, v1.10.1)', () => {
  it('v1.10.1, the fix for CVE-2018-18264, requires a login', () => {
    expect(recognised(app('kubernetes-dashboard-v1'))).toEqual([
      'kubernetes-dashboard kube-system/Deployment/kubernetes-dashboard#kubernetes-dashboard@1.10.1: ',
    ]);
  });

  it('an earlier release lets everyone skip it', () => {
    const old = edited(
      'kubernetes-dashboard-v1',
      'kubernetes-dashboard.yaml',
      'kubernetes-dashboard-amd64:v1.10.1',
      'kubernetes-dashboard-amd64:v1.8.3',
    );
    expect(recognised(old)[0]).toMatch(/@1\.8\.3: skip-login-by-default$/);
    const result = goal([...old, exposedAdmin('kube-system')], 'cluster-admin');
    expect(result.mut).toBe(0);
    expect(result.techniques).toContain('component-acts-for-caller');
  });
});

describe('Kubernetes Dashboard alternative setup (aio/deploy/alternative/kubernetes-dashboard.yaml, v2.0.0-alpha0)', () => {
  const dashboard = app('kubernetes-dashboard-alternative');

  it('serves plain HTTP without login: any pod that reaches it uses its service account', () => {
    expect(recognised(dashboard)).toEqual([
      'kubernetes-dashboard kube-system/Deployment/kubernetes-dashboard#kubernetes-dashboard@2.0.0-alpha0: plain-http-without-login',
    ]);
    const start = doc(`apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec:
  automountServiceAccountToken: false
  containers: [{ name: web, image: "shop/web:1" }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: dashboard-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: kubernetes-dashboard, namespace: kube-system }]
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  cloud: { metadata: false }
  attacker: { start: pod:shop/web }
  goals: [cluster-admin]
`);
    const result = goal([...dashboard, start], 'cluster-admin');
    expect(result.mut).toBe(0);
    expect(result.techniques).toContain('component-acts-for-caller');
  });

  it('with --enable-insecure-login it asks for a token', () => {
    const login = edited(
      'kubernetes-dashboard-alternative',
      'kubernetes-dashboard.yaml',
      '          # - --apiserver-host=http://my-address:port\n',
      '          # - --apiserver-host=http://my-address:port\n          - --enable-insecure-login\n',
    );
    expect(recognised(login)[0]).toMatch(/@2\.0\.0-alpha0: $/);
  });
});

describe('Argo CD (application controller of manifests/install.yaml)', () => {
  const argo = app('argo-cd');
  const ci = (namespace: string) =>
    doc(`apiVersion: v1
kind: Pod
metadata: { name: ci, namespace: ci }
spec:
  serviceAccountName: deployer
  containers: [{ name: ci, image: "ci:1" }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: deployer, namespace: ci }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: applications, namespace: ${namespace} }
rules: [{ apiGroups: [argoproj.io], resources: [applications], verbs: [create] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ci-applications, namespace: ${namespace} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: applications }
subjects: [{ kind: ServiceAccount, name: deployer, namespace: ci }]
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  cloud: { metadata: false }
  attacker: { start: pod:ci/ci }
  goals: [cluster-admin]
`);

  it('is recognised by image and command (the image is shared by every Argo CD component)', () => {
    expect(recognised(argo)).toEqual([
      'argo-cd argocd/StatefulSet/argocd-application-controller#argocd-application-controller@?: applications-deploy-anything',
    ]);
  });

  it('gives whoever may create an Application in its namespace its cluster-wide rights', () => {
    expect(goal([ci('argocd')], 'cluster-admin').mut).not.toBe(0);
    const result = goal([...argo, ci('argocd')], 'cluster-admin');
    expect(result.mut).toBe(0);
    expect(result.techniques).toContain('component-acts-for-caller');
  });

  it('ignores Applications in other namespaces', () => {
    const result = goal([...argo, ci('ci')], 'cluster-admin');
    expect(result.techniques).not.toContain('component-acts-for-caller');
  });
});

describe('apps the catalogue does not know', () => {
  for (const name of ['metrics-server', 'kube-state-metrics'])
    it(`${name}: nothing recognised, no component finding`, () => {
      const files = app(name);
      expect(recognised(files)).toEqual([]);
      expect(goal(files, 'cluster-admin').findings).toEqual([]);
    });
});

it('every app folder has a MANIFEST.md and is tested here', () => {
  const folders = readdirSync(appsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  for (const f of folders) expect(readdirSync(path.join(appsDir, f)), f).toContain('MANIFEST.md');
  expect(folders).toEqual([
    'argo-cd',
    'ingress-nginx',
    'kube-state-metrics',
    'kubernetes-dashboard-alternative',
    'kubernetes-dashboard-v1',
    'kubernetes-dashboard-v2',
    'metrics-server',
  ]);
});
