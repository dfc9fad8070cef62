import type { Behaviour, Component } from './component';

// kubernetes/ingress-nginx. Defaults and version ranges from upstream: the ConfigMap options in
// `internal/ingress/controller/config/config.go` (`AllowSnippetAnnotations`,
// `AnnotationsRiskLevel`), `changelog/controller-1.9.0.md` ("Disable user snippets per
// default", #10393), `changelog/controller-1.12.0.md` ("Enable security features by default",
// #11819: `annotations-risk-level` lowered to High, which refuses the Critical `*-snippet`
// annotations), and the advisories named in each behaviour.

const ingressCreators = {
  kind: 'request',
  verbs: ['create', 'update', 'patch'],
  resources: ['ingresses'],
  group: 'networking.k8s.io',
  namespaces: 'watched',
} as const;

/** Fixed in v1.11.5 and v1.12.1 (the March 2025 advisories). */
const before2025Fix = [{ before: '1.11.5' }, { from: '1.12.0', before: '1.12.1' }];

const behaviours: Behaviour[] = [
  {
    id: 'snippet-annotations',
    title: 'Snippet annotations run the Ingress author’s configuration in the controller',
    description:
      'Whoever may create or change an Ingress in a namespace the controller watches can add `nginx.ingress.kubernetes.io/configuration-snippet` (or `server-snippet`) and have any nginx directive, Lua included, run inside the controller: its service account token, which in the default installation lists every Secret of the cluster, is theirs. Snippets are read when the ConfigMap says `allow-snippet-annotations: "true"` (the default before v1.9.0) and, from v1.12.0, only if `annotations-risk-level` is raised to `Critical`.',
    references: [
      'cve:CVE-2021-25742',
      'https://github.com/kubernetes/ingress-nginx/issues/7837',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations',
    ],
    when: [
      {
        config: 'allow-snippet-annotations',
        boolean: true,
        oneOf: ['true'],
        default: [{ before: '1.9.0', value: 'true' }, { value: 'false' }],
      },
      {
        config: 'annotations-risk-level',
        oneOf: ['Critical'],
        default: [{ before: '1.12.0', value: 'Critical' }, { value: 'High' }],
      },
    ],
    trigger: ingressCreators,
    yields: 'code-execution',
  },
  {
    id: 'snippet-annotations-unmitigable',
    title: 'Snippet annotations that no setting turns off',
    description:
      'Releases up to v0.49.0 and v1.0.0 read `*-snippet` annotations whatever the ConfigMap says (the `allow-snippet-annotations` option came with v0.49.1 and v1.0.1): whoever may write an Ingress runs code in the controller.',
    references: ['cve:CVE-2021-25742', 'https://github.com/kubernetes/ingress-nginx/issues/7837'],
    versions: [{ before: '0.49.1' }, { from: '1.0.0', before: '1.0.1' }],
    trigger: ingressCreators,
    yields: 'code-execution',
  },
  {
    id: 'annotation-injection',
    title: 'Annotation values injected into the nginx configuration',
    description:
      'Before v1.11.5 and in v1.12.0 the `auth-tls-match-cn`, `mirror-target`/`mirror-host` and `auth-url` annotations were copied into nginx.conf unchecked: whoever may write an Ingress injects directives and runs code in the controller, even with snippets disabled.',
    references: [
      'cve:CVE-2025-1097',
      'cve:CVE-2025-1098',
      'cve:CVE-2025-24514',
      'https://github.com/kubernetes/kubernetes/issues/131007',
      'https://kubernetes.io/blog/2025/03/24/ingress-nginx-cve-2025-1974/',
    ],
    versions: before2025Fix,
    trigger: ingressCreators,
    yields: 'code-execution',
  },
  {
    id: 'path-injection',
    title: 'An Ingress path injected into the nginx configuration',
    description:
      'Before v1.13.7 and v1.14.3 an Ingress rule’s `path` could carry nginx directives: whoever may write an Ingress runs code in the controller.',
    references: ['cve:CVE-2026-24512', 'https://github.com/kubernetes/kubernetes/issues/136678'],
    versions: [{ before: '1.13.7' }, { from: '1.14.0', before: '1.14.3' }],
    trigger: ingressCreators,
    yields: 'code-execution',
  },
  {
    id: 'auth-proxy-set-headers-injection',
    title: 'The auth-proxy-set-headers annotation injected into the nginx configuration',
    description:
      'Before v1.12.5 and in v1.13.0 the `nginx.ingress.kubernetes.io/auth-proxy-set-headers` annotation could carry nginx directives: whoever may write an Ingress runs code in the controller.',
    references: ['cve:CVE-2025-15566', 'https://github.com/kubernetes/kubernetes/issues/136789'],
    versions: [{ before: '1.12.5' }, { from: '1.13.0', before: '1.13.1' }],
    trigger: ingressCreators,
    yields: 'code-execution',
  },
  {
    id: 'rewrite-target-injection',
    title: 'The rewrite-target annotation injected into the nginx configuration',
    description:
      'The `nginx.ingress.kubernetes.io/rewrite-target` annotation could carry nginx directives until v1.14.4 and v1.15.0: whoever may write an Ingress runs code in the controller. The 1.13 line is read as affected up to v1.13.9, the first 1.13 release of a later advisory (CVE-2026-4342).',
    references: ['cve:CVE-2026-3288', 'https://github.com/kubernetes/kubernetes/issues/137560'],
    versions: [{ before: '1.13.9' }, { from: '1.14.0', before: '1.14.4' }],
    trigger: ingressCreators,
    yields: 'code-execution',
  },
  {
    id: 'comment-injection',
    title: 'Annotations combined to inject a comment-based nginx configuration',
    description:
      'Before v1.13.9, v1.14.5 and v1.15.1 a combination of Ingress annotations could inject nginx configuration through a comment: whoever may write an Ingress runs code in the controller. ingress-nginx reached its end of life in March 2026: later advisories may have no fixed release.',
    references: [
      'cve:CVE-2026-4342',
      'ghsa:GHSA-f53h-mxv9-cp98',
      'https://github.com/kubernetes/kubernetes/issues/137893',
    ],
    versions: [
      { before: '1.13.9' },
      { from: '1.14.0', before: '1.14.5' },
      { from: '1.15.0', before: '1.15.1' },
    ],
    trigger: ingressCreators,
    yields: 'code-execution',
  },
  {
    id: 'admission-webhook-rce',
    title: 'IngressNightmare: the admission webhook runs code for any pod',
    description:
      'The controller’s validating webhook (`--validating-webhook`) accepts AdmissionReview requests from anyone who reaches its port, without authentication, and before v1.11.5 and in v1.12.0 it could be made to load a library the caller uploaded: any pod that reaches the controller on the pod network runs code in it, and with it holds the controller’s service account.',
    references: [
      'cve:CVE-2025-1974',
      'ghsa:GHSA-mgvx-rpfc-9mpv',
      'https://github.com/kubernetes/kubernetes/issues/131009',
      'https://kubernetes.io/blog/2025/03/24/ingress-nginx-cve-2025-1974/',
    ],
    versions: before2025Fix,
    when: [{ flag: 'validating-webhook', noneOf: [''], default: '' }],
    trigger: { kind: 'network', from: 'pods' },
    yields: 'code-execution',
  },
];

export const component: Component = {
  id: 'ingress-nginx',
  name: 'ingress-nginx controller',
  description:
    'The Kubernetes community’s NGINX Ingress controller turns every Ingress it watches into nginx configuration, and its default installation lets its service account list every Secret of the cluster (to serve their TLS certificates). What an Ingress author can slip into that configuration runs with those rights.',
  references: [
    'https://github.com/kubernetes/ingress-nginx',
    'https://kubernetes.github.io/ingress-nginx/deploy/hardening-guide/',
    'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
  ],
  match: {
    images: [
      'ingress-nginx/controller',
      'ingress-nginx/controller-chroot',
      'kubernetes-ingress-controller/nginx-ingress-controller',
    ],
  },
  binary: 'nginx-ingress-controller',
  configMapFlag: 'configmap',
  watchNamespaceFlag: 'watch-namespace',
  behaviours,
};
