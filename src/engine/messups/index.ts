// The mess-up template catalogue, one file per template.

import { template as anonymousAuthEnabled } from './anonymous-auth-enabled';
import { template as applicationBug } from './application-bug';
import { template as bindClusterAdmin } from './bind-cluster-admin';
import { template as credentialLeak } from './credential-leak';
import { template as endpointMadePublic } from './endpoint-made-public';
import { template as kernelEscapeBug } from './kernel-escape-bug';
import { template as kubeletMisconfigured } from './kubelet-misconfigured';
import { template as networkPolicyRemoved } from './network-policy-removed';
import { template as podSecurityRelaxed } from './pod-security-relaxed';
import { template as privilegedDeploy } from './privileged-deploy';
import { template as remoteAccessCompromised } from './remote-access-compromised';
import { template as tokenAutomountEnabled } from './token-automount-enabled';
import { template as workloadExposed } from './workload-exposed';
import { template as powerfulCredentialKept } from './powerful-credential-kept';
import type { MessUpTemplate } from './template';

export const messUpTemplates: readonly MessUpTemplate[] = [
  anonymousAuthEnabled,
  applicationBug,
  bindClusterAdmin,
  credentialLeak,
  endpointMadePublic,
  kernelEscapeBug,
  kubeletMisconfigured,
  networkPolicyRemoved,
  podSecurityRelaxed,
  privilegedDeploy,
  remoteAccessCompromised,
  tokenAutomountEnabled,
  workloadExposed,
  powerfulCredentialKept,
];

export const templateById = new Map(messUpTemplates.map((t) => [t.id, t]));

export type { MessUpTemplate, MessUpContext } from './template';
