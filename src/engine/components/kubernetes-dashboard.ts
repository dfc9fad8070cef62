import type { Component } from './component';

// kubernetes/dashboard, releases 1.x and 2.x (the single-binary dashboard; from v3 the UI,
// API and authentication are separate modules behind Kong, and these flags are gone). Who the
// backend acts as follows `src/app/backend/client/manager.go`: a request is in "secure mode"
// (the caller's own token, never the dashboard's) when login is enabled (the request came
// over TLS, or `--enable-insecure-login`) and skipping it is not, or when the caller sent
// credentials; every other request uses the dashboard's own client, i.e. its service account.
// Serving: HTTPS when `--auto-generate-certificates` or `--tls-cert-file` is given, else HTTP
// on `--insecure-bind-address`:`--insecure-port` (9090; `src/app/backend/dashboard.go`; the
// upstream `aio/deploy/alternative.yaml` serves it through a Service, so on every interface).

const reachers = { kind: 'network', from: 'anywhere' } as const;

export const component: Component = {
  id: 'kubernetes-dashboard',
  name: 'Kubernetes Dashboard',
  description:
    'The Kubernetes web UI. Its backend makes every API request either with the token of the user who logged in or, when login is skipped or unavailable, with its own service account: then whoever reaches it (from the Internet through a Service or Ingress, or from any pod) acts with the dashboard’s rights. Installations that bind `cluster-admin` to the dashboard’s service account make that the whole cluster (the 2018 Tesla cryptojacking incident).',
  references: [
    'https://github.com/kubernetes/dashboard',
    'https://github.com/kubernetes/dashboard/blob/v2.7.0/docs/common/dashboard-arguments.md',
    'https://github.com/kubernetes/dashboard/blob/v2.7.0/docs/user/access-control/README.md',
  ],
  match: {
    images: [
      'kubernetesui/dashboard',
      'kubernetes-dashboard-amd64',
      'kubernetes-dashboard-arm',
      'kubernetes-dashboard-arm64',
      'kubernetes-dashboard',
    ],
  },
  binary: 'dashboard',
  booleanFlags: ['enable-skip-login', 'enable-insecure-login', 'auto-generate-certificates'],
  behaviours: [
    {
      id: 'skip-login',
      title: 'The login page offers "Skip": callers act with the dashboard’s service account',
      description:
        'With `--enable-skip-login` the login page has a Skip button, and every request that carries no token is made with the dashboard’s own service account: anyone who reaches the dashboard has its rights.',
      references: [
        'https://github.com/kubernetes/dashboard/blob/v2.7.0/docs/user/access-control/README.md',
      ],
      versions: [{ from: '1.10.1' }],
      when: [{ flag: 'enable-skip-login', boolean: true, oneOf: ['true'], default: 'false' }],
      trigger: reachers,
      yields: 'service-account',
    },
    {
      id: 'skip-login-by-default',
      title: 'Releases before 1.10.1 let anyone skip the login',
      description:
        'Before v1.10.1 the dashboard had no login at all (before v1.7) or offered to skip it by default: anyone who reaches it uses the dashboard’s service account, and could read every Secret it may read.',
      references: [
        'cve:CVE-2018-18264',
        'https://github.com/kubernetes/dashboard/releases/tag/v1.10.1',
      ],
      versions: [{ before: '1.10.1' }],
      trigger: reachers,
      yields: 'service-account',
    },
    {
      id: 'plain-http-without-login',
      title: 'Served over plain HTTP, the dashboard has no login and uses its service account',
      description:
        'Without certificates (`--auto-generate-certificates` or `--tls-cert-file`) the dashboard serves HTTP, where login is disabled unless `--enable-insecure-login` is given: every caller that reaches the port acts with the dashboard’s service account (the upstream "alternative" setup).',
      references: [
        'https://github.com/kubernetes/dashboard/blob/v2.7.0/docs/user/installation.md',
        'https://github.com/kubernetes/dashboard/blob/v2.7.0/docs/common/dashboard-arguments.md',
      ],
      versions: [{ from: '1.10.1' }],
      when: [
        { flag: 'auto-generate-certificates', boolean: true, oneOf: ['false'], default: 'false' },
        { flag: 'tls-cert-file', oneOf: [''], default: '' },
        { flag: 'enable-insecure-login', boolean: true, oneOf: ['false'], default: 'false' },
        {
          flag: 'insecure-bind-address',
          noneOf: ['127.0.0.1', 'localhost', '::1'],
          default: '0.0.0.0',
        },
      ],
      trigger: reachers,
      yields: 'service-account',
    },
  ],
};
