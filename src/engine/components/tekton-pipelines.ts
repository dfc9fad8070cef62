import type { Component } from './component';

// tektoncd/pipeline. The controller turns each TaskRun (and each PipelineRun's TaskRuns) into a
// pod in the run's namespace, with the service account the run names
// (`spec.serviceAccountName`, `spec.taskRunTemplate.serviceAccountName` in v1 PipelineRuns) and
// the steps the run defines (images, scripts, `securityContext`), or a `podTemplate` of its
// choosing. Its ClusterRole in the release manifests may create pods in every namespace, and
// it watches all of them. Image names follow the release manifests
// (`gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/controller`); releases published
// under ko's hashed names (`…/controller-<hash>`) are not recognised.

export const component: Component = {
  id: 'tekton-pipelines',
  name: 'Tekton Pipelines controller',
  description:
    'Tekton runs each TaskRun and PipelineRun as pods it creates in the run’s namespace, with the images, scripts, security context and service account the run names. Whoever may create a run in a namespace has, in effect, the right to create pods there: any service account of that namespace, privileged where Pod Security Admission allows.',
  references: [
    'https://tekton.dev/docs/pipelines/taskruns/#specifying-serviceaccount-credentials',
    'https://tekton.dev/docs/pipelines/podtemplates/',
    'https://github.com/tektoncd/pipeline/issues/2257',
  ],
  match: { images: ['tektoncd/pipeline/cmd/controller'] },
  behaviours: [
    {
      id: 'runs-create-pods',
      title: 'A TaskRun or PipelineRun is a pod of its author’s choosing',
      description:
        'Creating a TaskRun or PipelineRun makes the controller create its pods in that namespace, with the steps, security context and service account the run names: the author gets what creating those pods would give.',
      references: [
        'https://tekton.dev/docs/pipelines/taskruns/#specifying-serviceaccount-credentials',
        'https://tekton.dev/docs/pipelines/pipelineruns/#specifying-taskrunspecs',
      ],
      trigger: {
        kind: 'request',
        verbs: ['create'],
        resources: ['taskruns', 'pipelineruns'],
        group: 'tekton.dev',
        namespaces: 'all',
      },
      yields: 'pod-creation',
    },
  ],
};
