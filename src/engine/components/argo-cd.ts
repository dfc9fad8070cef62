import type { Component } from './component';

// argoproj/argo-cd. The application controller deploys every Application of its namespace with
// its own service account, whose ClusterRole in the upstream install (`manifests/install.yaml`,
// `argocd-application-controller`) is `*` on `*`. An Application names an AppProject; the
// `default` project, created by Argo CD itself, allows any source repository, any destination
// cluster and namespace, and every kind ("The Default Project",
// https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#the-default-project).
// Not read: a `default` AppProject restricted in the input, and Applications in other
// namespaces (`application.namespaces`), which the controller ignores unless configured.

export const component: Component = {
  id: 'argo-cd',
  name: 'Argo CD application controller',
  description:
    'Argo CD’s application controller applies whatever an Application points at (any Git repository, Helm chart or plain manifests) to its destination cluster with its own service account, which the upstream install binds to a cluster-wide `*` on `*`. Whoever may create or change an Application in Argo CD’s namespace chooses what it applies: a ClusterRoleBinding, a privileged pod, anything.',
  references: [
    'https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#the-default-project',
    'https://argo-cd.readthedocs.io/en/stable/operator-manual/security/',
    'https://argo-cd.readthedocs.io/en/stable/operator-manual/app-any-namespace/',
  ],
  match: {
    images: ['argoproj/argocd'],
    command: ['argocd-application-controller'],
  },
  binary: 'argocd-application-controller',
  behaviours: [
    {
      id: 'applications-deploy-anything',
      title: 'Whoever writes an Application deploys anything with the controller’s rights',
      description:
        'An Application in the controller’s namespace that names the `default` project (unrestricted unless someone restricted it) is synced with the controller’s service account: its author gets every right the controller has.',
      references: [
        'https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#the-default-project',
        'https://argo-cd.readthedocs.io/en/stable/operator-manual/security/',
      ],
      trigger: {
        kind: 'request',
        verbs: ['create', 'update', 'patch'],
        resources: ['applications'],
        group: 'argoproj.io',
        namespaces: 'own',
      },
      yields: 'service-account',
    },
  ],
};
