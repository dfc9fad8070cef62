import type { Component } from './component';

// argoproj/argo-workflows, the Argo Server (`argo server`, image `argoproj/argocli`). Its
// `--auth-mode` flag (repeatable) says how it authenticates to Kubernetes: `server` uses the
// server's own service account for every caller, `client` the caller's bearer token, `sso` a
// login ("docs/argo-server-auth-mode.md": "For v3.0 and after, the default is client. Prior to
// v3.0, it was server."). The server listens on 2746.

export const component: Component = {
  id: 'argo-workflows-server',
  name: 'Argo Workflows server',
  description:
    'The Argo Workflows server offers an API and UI to submit and manage workflows. In `server` auth mode (the default before v3.0) it makes every request with its own service account, whoever the caller is: anyone who reaches it submits workflows and reads what that account may read.',
  references: [
    'https://argo-workflows.readthedocs.io/en/latest/argo-server-auth-mode/',
    'https://argo-workflows.readthedocs.io/en/latest/argo-server/',
  ],
  match: { images: ['argoproj/argocli'], command: ['server'] },
  binary: 'server',
  behaviours: [
    {
      id: 'server-auth-mode',
      title: 'Auth mode `server`: every caller uses the server’s service account',
      description:
        'With `--auth-mode=server` among its auth modes (or no `--auth-mode` before v3.0) the server authenticates to Kubernetes with its own service account for callers that bring no token: whoever reaches its port acts with that account.',
      references: ['https://argo-workflows.readthedocs.io/en/latest/argo-server-auth-mode/'],
      when: [
        {
          flag: 'auth-mode',
          repeated: true,
          oneOf: ['server'],
          default: [{ before: '3.0.0', value: 'server' }, { value: 'client' }],
        },
      ],
      trigger: { kind: 'network', from: 'anywhere' },
      yields: 'service-account',
    },
  ],
};
