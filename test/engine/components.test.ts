// The component catalogue (src/engine/components/): meta-tests over its entries (style practice
// 5), and how a container is recognised and its settings read.

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import valid from 'semver/functions/valid';
import { describe, expect, it } from 'vitest';
import { components } from '../../src/engine/components/index.ts';
import { recogniseComponents, versionOf } from '../../src/engine/components/recognise.ts';
import { analyze, type InputFile } from '../../src/engine/index.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import { techniqueFixtures } from './fixtureFiles';
import { ingressPublisher } from './ingressPublisher.ts';

const reference = /^(cve:CVE-\d{4}-\d{4,}|ghsa:GHSA(-[23456789cfghjmpqrvwx]{4}){3}|https:\/\/\S+)$/;

function recognised(text: string) {
  const files: InputFile[] = [{ path: 'cluster.yaml', text }];
  const { model } = buildModel(readObjects(parseFiles(files).documents).objects);
  return recogniseComponents(model).map((m) => ({
    component: m.component.id,
    version: m.version,
    watched: m.watched,
    behaviours: m.behaviours.map((b) => b.behaviour.id),
  }));
}

const pod = (image: string, args: string[] = [], command: string[] = []) => `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: ns }
spec:
  containers:
    - name: c
      image: ${JSON.stringify(image)}
      command: ${JSON.stringify(command)}
      args: ${JSON.stringify(args)}
`;

describe('the component catalogue', () => {
  it('registers every component file once, under its file name', () => {
    const dir = fileURLToPath(new URL('../../src/engine/components/', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !['component.ts', 'index.ts', 'recognise.ts'].includes(f))
      .map((f) => f.slice(0, -3))
      .sort();
    const ids = components.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files);
  });

  for (const c of components)
    describe(c.id, () => {
      it('says what it is, with references in a known form', () => {
        expect(c.name.trim()).not.toBe('');
        expect(c.description.length).toBeGreaterThanOrEqual(80);
        expect(c.references.length).toBeGreaterThan(0);
        for (const r of c.references) expect(r).toMatch(reference);
      });

      it('is recognised by image or command', () => {
        expect((c.match.images?.length ?? 0) + (c.match.command?.length ?? 0)).toBeGreaterThan(0);
      });

      it('has behaviours with unique ids, prose and references', () => {
        const ids = c.behaviours.map((b) => b.id);
        expect(ids.length).toBeGreaterThan(0);
        expect(new Set(ids).size).toBe(ids.length);
        for (const b of c.behaviours) {
          expect(b.title.trim(), b.id).not.toBe('');
          expect(b.description.length, b.id).toBeGreaterThanOrEqual(80);
          expect(b.references.length, b.id).toBeGreaterThan(0);
          for (const r of b.references) expect(r, b.id).toMatch(reference);
        }
      });

      it('names versions and settings it can read', () => {
        for (const b of c.behaviours) {
          const ranges = [
            ...(b.versions ?? []),
            ...(b.when ?? []).flatMap((t) => (typeof t.default === 'string' ? [] : t.default)),
          ];
          for (const r of ranges) {
            if (r.from !== undefined) expect(valid(r.from), `${b.id} from`).toBe(r.from);
            if (r.before !== undefined) expect(valid(r.before), `${b.id} before`).toBe(r.before);
          }
          for (const t of b.when ?? []) {
            // One setting, one way of testing it.
            expect(
              [t.flag, t.config].filter((x) => x !== undefined),
              b.id,
            ).toHaveLength(1);
            expect(
              [t.oneOf, t.noneOf].filter((x) => x !== undefined),
              b.id,
            ).toHaveLength(1);
            if (t.config !== undefined) expect(c.configMapFlag, b.id).toBeDefined();
            if (t.flag !== undefined && t.boolean) expect(c.booleanFlags ?? []).toContain(t.flag);
          }
          if (b.yields === 'pod-creation')
            expect(b.trigger.kind, `${b.id}: pods are created where a request was made`).toBe(
              'request',
            );
          if (b.trigger.kind === 'request' && b.trigger.namespaces === 'watched')
            expect(c.watchNamespaceFlag, `${b.id}: which namespaces does it watch?`).toBeDefined();
        }
      });
    });

  it('has every behaviour shown to hold by a fixture of component-acts-for-caller', () => {
    const shown = new Set<string>();
    for (const f of techniqueFixtures().filter((f) => f.technique === 'component-acts-for-caller'))
      if (f.verdict === 'exploitable')
        for (const m of recognised(f.text))
          for (const b of m.behaviours) shown.add(`${m.component}/${b}`);
    const all = components.flatMap((c) => c.behaviours.map((b) => `${c.id}/${b.id}`));
    expect(all.filter((b) => !shown.has(b))).toEqual([]);
  });
});

describe('recognising a container', () => {
  it('reads the release from the image tag, past registry and digest', () => {
    expect(versionOf('registry.k8s.io/ingress-nginx/controller:v1.5.2@sha256:abc')?.version).toBe(
      '1.5.2',
    );
    expect(versionOf('k8s.gcr.io/kubernetes-dashboard-amd64:v2.0.0-alpha0')?.version).toBe(
      '2.0.0-alpha0',
    );
    expect(versionOf('localhost:5000/ingress-nginx/controller')).toBeUndefined();
    expect(versionOf('quay.io/argoproj/argocd:latest')).toBeUndefined();
  });

  it('matches an image repository by whole path segments, whatever the registry', () => {
    expect(recognised(pod('my.registry:5000/ingress-nginx/controller:v1.14.3'))).toHaveLength(1);
    expect(recognised(pod('example.com/my-ingress-nginx/controller:v1.5.2'))).toEqual([]);
    expect(recognised(pod('nginx:1.27'))).toEqual([]);
  });

  it('reads an image without a release as affected (the cautious side)', () => {
    const [m] = recognised(pod('registry.k8s.io/ingress-nginx/controller:latest'));
    expect(m?.version).toBeUndefined();
    // The oldest defaults apply too: snippets allowed, no risk level.
    expect(m?.behaviours).toEqual([
      'snippet-annotations',
      'snippet-annotations-unmitigable',
      'annotation-injection',
      'path-injection',
      'auth-proxy-set-headers-injection',
      'rewrite-target-injection',
      'comment-injection',
    ]);
  });

  it.each([
    // 1.14.3 fixed the path injection only: rewrite-target (CVE-2026-3288) and the comment
    // injection (CVE-2026-4342) came after it.
    ['v1.14.3', ['rewrite-target-injection', 'comment-injection']],
    ['v1.14.4', ['comment-injection']],
    ['v1.15.0', ['comment-injection']],
    ['v1.15.1', []],
    [
      'v1.13.0',
      [
        'path-injection',
        'auth-proxy-set-headers-injection',
        'rewrite-target-injection',
        'comment-injection',
      ],
    ],
    ['v1.13.9', []],
  ])('ingress-nginx %s is open to the injections not fixed by then', (tag, expected) => {
    const [m] = recognised(pod(`registry.k8s.io/ingress-nginx/controller:${tag}`));
    const injections = (m?.behaviours ?? []).filter((b) => b.endsWith('-injection'));
    expect(injections).toEqual(expected);
  });

  it('matches a command by its program name and first argument', () => {
    const proxy = (command: string[]) =>
      recognised(pod('bitnami/kubectl:1.31', [], command)).map((m) => m.behaviours);
    expect(proxy(['/opt/bitnami/kubectl/bin/kubectl', 'proxy', '--address=0.0.0.0'])).toEqual([
      ['proxy-on-pod-network'],
    ]);
    expect(proxy(['kubectl', 'proxy', '--address', '10.0.0.1'])).toEqual([
      ['proxy-on-pod-network'],
    ]);
    expect(proxy(['kubectl', 'proxy', '--address=127.0.0.1'])).toEqual([[]]);
    expect(proxy(['kubectl', 'get', 'pods'])).toEqual([]);
  });

  it('reads the namespaces an ingress controller watches, after $(VAR) expansion', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: edge }
spec:
  containers:
    - name: c
      image: registry.k8s.io/ingress-nginx/controller:v1.14.3
      args: [/nginx-ingress-controller, "--watch-namespace=$(POD_NAMESPACE),team-a"]
      env: [{ name: POD_NAMESPACE, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }]
`;
    expect(recognised(text)[0]?.watched).toEqual(['edge', 'team-a']);
    expect(recognised(pod('registry.k8s.io/ingress-nginx/controller:v1.14.3'))[0]?.watched).toBe(
      'all',
    );
  });

  it('passes a repeatable flag when any of its occurrences does, and takes a release’s default', () => {
    const server = (tag: string, args: string[]) =>
      recognised(pod(`quay.io/argoproj/argocli:${tag}`, args))[0]?.behaviours;
    expect(server('v3.5.5', ['server', '--auth-mode=server', '--auth-mode=client'])).toEqual([
      'server-auth-mode',
    ]);
    expect(server('v3.5.5', ['server', '--auth-mode', 'sso'])).toEqual([]);
    // "For v3.0 and after, the default is client. Prior to v3.0, it was server."
    expect(server('v3.5.5', ['server'])).toEqual([]);
    expect(server('v2.12.13', ['server'])).toEqual(['server-auth-mode']);
    // The same image runs the CLI's other commands, which serve nothing.
    expect(recognised(pod('quay.io/argoproj/argocli:v2.12.13', ['submit', 'wf.yaml']))).toEqual([]);
  });

  it('skips init containers, which have finished before the component serves', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: ns }
spec:
  initContainers: [{ name: i, image: "kubernetesui/dashboard:v1.8.3" }]
  containers: [{ name: c, image: "busybox:1" }]
`;
    expect(recognised(text)).toEqual([]);
  });
});

/** ingress-nginx v1.12.0 with its webhook, a secret its token reads, and a pod of team `team`. */
function nightmare(policy: string): InputFile[] {
  return [
    {
      path: 'cluster.yaml',
      text: `apiVersion: apps/v1
kind: Deployment
metadata: { name: controller, namespace: ingress-nginx }
spec:
  selector: { matchLabels: { app: ingress-nginx } }
  template:
    metadata: { labels: { app: ingress-nginx } }
    spec:
      serviceAccountName: ingress-nginx
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.12.0
          args: [/nginx-ingress-controller, "--validating-webhook=:8443"]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ingress-nginx, namespace: ingress-nginx }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ingress-nginx }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ingress-nginx }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ingress-nginx }
subjects: [{ kind: ServiceAccount, name: ingress-nginx, namespace: ingress-nginx }]
---
apiVersion: v1
kind: Secret
metadata: { name: stripe-key, namespace: payments }
---
apiVersion: v1
kind: Pod
metadata: { name: app, namespace: team }
spec:
  automountServiceAccountToken: false
  containers: [{ name: app, image: "team/app:1" }]
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  cloud: { metadata: false }
  attacker: { start: pod:team/app }
  goals: [secret:payments/stripe-key]
${policy}`,
    },
  ];
}

describe('a behaviour reached only from the pod network', () => {
  const run = (policy: string) => {
    const g = analyze(nightmare(policy)).goals[0]!;
    return { mut: g.mut, techniques: g.witness?.steps.map((s) => s.technique) ?? [] };
  };

  it('holds for any pod while no NetworkPolicy closes the controller', () => {
    expect(run('')).toEqual({
      mut: 0,
      techniques: expect.arrayContaining(['component-acts-for-caller']) as unknown as string[],
    });
  });

  const allowFrom = (namespace: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: webhook-only, namespace: ingress-nginx }
spec:
  podSelector: { matchLabels: { app: ingress-nginx } }
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ${namespace} } } }]
`;

  it('follows the flows a policy allows', () => {
    expect(run(allowFrom('team')).mut).toBe(0);
  });

  it('is closed by a policy that admits no pod of the attacker, until the policy goes', () => {
    const closed = run(allowFrom('kube-system'));
    expect(closed.mut).toBe(1);
  });

  it('is not reached from the Internet through the controller’s LoadBalancer', () => {
    const exposed = nightmare('').map((f) => ({
      ...f,
      text: `${f.text
        .replace('start: pod:team/app', 'start: internet')
        .replace(
          'goals: [secret:payments/stripe-key]',
          'goals: [secret:payments/stripe-key]\n  apiServer: { exposure: private }',
        )}---
apiVersion: v1
kind: Service
metadata: { name: controller, namespace: ingress-nginx }
spec:
  type: LoadBalancer
  selector: { app: ingress-nginx }
  ports: [{ port: 443 }]
`,
    }));
    const g = analyze(exposed).goals[0]!;
    expect(g.witness?.steps.map((s) => s.technique) ?? []).not.toContain(
      'component-acts-for-caller',
    );
    expect(g.mut).not.toBe(0);
  });
});

describe('a behaviour triggered by an API request', () => {
  /** ingress-nginx v1.15.1 with snippets on, watching `watch`; team `team` may create Ingresses. */
  const publish = (watch: string) =>
    analyze([
      {
        path: 'cluster.yaml',
        text: `apiVersion: v1
kind: ConfigMap
metadata: { name: config, namespace: ingress-nginx }
data: { allow-snippet-annotations: "true", annotations-risk-level: Critical }
---
${nightmare('')[0]!
  .text.replace('controller:v1.12.0', 'controller:v1.15.1')
  .replace(
    '"--validating-webhook=:8443"',
    `"--configmap=ingress-nginx/config"${watch ? `, "--watch-namespace=${watch}"` : ''}`,
  )}---
${ingressPublisher('default')}`.replace(
          'automountServiceAccountToken: false',
          'automountServiceAccountToken: true',
        ),
      },
    ]).goals[0]!;

  it('holds in every namespace the controller watches', () => {
    expect(publish('').mut).toBe(0);
    expect(publish('team').mut).toBe(0);
  });

  it('does not hold for Ingresses in a namespace the controller ignores', () => {
    const g = publish('other');
    expect(g.witness?.steps.map((s) => s.technique) ?? []).not.toContain(
      'component-acts-for-caller',
    );
    expect(g.mut).not.toBe(0);
  });
});
