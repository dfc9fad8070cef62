// The component catalogue: one file per component, listed here explicitly so the order (and
// every order derived from it) is stable.

import { component as argoCd } from './argo-cd';
import { component as argoWorkflowsController } from './argo-workflows-controller';
import { component as argoWorkflowsServer } from './argo-workflows-server';
import { component as ingressNginx } from './ingress-nginx';
import { component as kubectlProxy } from './kubectl-proxy';
import { component as kubernetesDashboard } from './kubernetes-dashboard';
import { component as tektonPipelines } from './tekton-pipelines';
import type { Component } from './component';

export const components: readonly Component[] = [
  argoCd,
  argoWorkflowsController,
  argoWorkflowsServer,
  ingressNginx,
  kubectlProxy,
  kubernetesDashboard,
  tektonPipelines,
];

export type { Behaviour, Component, SettingTest, Trigger, VersionRange } from './component';
