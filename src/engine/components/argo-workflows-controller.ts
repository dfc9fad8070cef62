import type { Component } from './component';

// argoproj/argo-workflows, the workflow controller (image `argoproj/workflow-controller`). It runs
// each step of a Workflow as a pod in the Workflow's namespace, with the service account the
// Workflow names (`spec.serviceAccountName`, "docs/service-accounts.md") and the containers and
// security context its templates define. A cluster install watches every namespace; a namespace
// install (`--namespaced`, `--managed-namespace`) one.

export const component: Component = {
  id: 'argo-workflows-controller',
  name: 'Argo Workflows controller',
  description:
    'The Argo Workflows controller runs every step of a Workflow as a pod it creates in the Workflow’s namespace, with the containers, security context and service account the Workflow names. Whoever may create a Workflow (or a CronWorkflow) in a namespace has, in effect, the right to create pods there.',
  references: [
    'https://argo-workflows.readthedocs.io/en/latest/service-accounts/',
    'https://argo-workflows.readthedocs.io/en/latest/workflow-rbac/',
    'https://argo-workflows.readthedocs.io/en/latest/managed-namespace/',
  ],
  match: { images: ['argoproj/workflow-controller'] },
  binary: 'workflow-controller',
  watchNamespaceFlag: 'managed-namespace',
  behaviours: [
    {
      id: 'workflows-create-pods',
      title: 'A Workflow is a set of pods of its author’s choosing',
      description:
        'Creating a Workflow or CronWorkflow makes the controller create its pods in that namespace, with the containers, security context and service account the Workflow names: the author gets what creating those pods would give.',
      references: ['https://argo-workflows.readthedocs.io/en/latest/service-accounts/'],
      trigger: {
        kind: 'request',
        verbs: ['create'],
        resources: ['workflows', 'cronworkflows'],
        group: 'argoproj.io',
        namespaces: 'watched',
      },
      yields: 'pod-creation',
    },
  ],
};
