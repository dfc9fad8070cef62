// The technique catalogue: one file per technique, listed here explicitly so the order
// (and so every derived order) is stable.

import { technique as admissionWebhookControl } from './admission-webhook-control';
import { technique as anonymousAuthentication } from './anonymous-authentication';
import { technique as anyGoogleAccount } from './any-google-account';
import { technique as apiAuthorizationAlwaysAllow } from './api-authorization-always-allow';
import { technique as apiInsecurePort } from './api-insecure-port';
import { technique as apiServerPublicEndpoint } from './api-server-public-endpoint';
import { technique as awsAuthConfigmap } from './aws-auth-configmap';
import { technique as capSysAdmin } from './cap-sys-admin';
import { technique as capSysModule } from './cap-sys-module';
import { technique as capSysPtrace } from './cap-sys-ptrace';
import { technique as cloudMetadata } from './cloud-metadata';
import { technique as clusterAdminRights } from './cluster-admin-rights';
import { technique as containerRuntimeSocket } from './container-runtime-socket';
import { technique as controlPlaneNode } from './control-plane-node';
import { technique as controlPlanePods } from './control-plane-pods';
import { technique as corePattern } from './core-pattern';
import { technique as createPodWithServiceAccount } from './create-pod-with-service-account';
import { technique as createPrivilegedPod } from './create-privileged-pod';
import { technique as createServiceAccountToken } from './create-service-account-token';
import { technique as csrApprove } from './csr-approve';
import { technique as daemonsetOnEveryNode } from './daemonset-on-every-node';
import { technique as ephemeralContainers } from './ephemeral-containers';
import { technique as etcdAccess } from './etcd-access';
import { technique as exploitExposedWorkload } from './exploit-exposed-workload';
import { technique as getSecretsByName } from './get-secrets-by-name';
import { technique as hostPathRead } from './host-path-read';
import { technique as hostPathTraverse } from './host-path-traverse';
import { technique as hostPathWrite } from './host-path-write';
import { technique as impersonate } from './impersonate';
import { technique as inClusterApiAccess } from './in-cluster-api-access';
import { technique as kernelEscapeBug } from './kernel-escape-bug';
import { technique as kubeletAnonymousAccess } from './kubelet-anonymous-access';
import { technique as kubeletCredentials } from './kubelet-credentials';
import { technique as kubeletReadOnlyPort } from './kubelet-read-only-port';
import { technique as leakedCredential } from './leaked-credential';
import { technique as listSecrets } from './list-secrets';
import { technique as mountedSecrets } from './mounted-secrets';
import { technique as nodePodTakeover } from './node-pod-takeover';
import { technique as nodeServiceAccountTokens } from './node-service-account-tokens';
import { technique as nodesProxy } from './nodes-proxy';
import { technique as nsenterHostPid } from './nsenter-host-pid';
import { technique as patchNodes } from './patch-nodes';
import { technique as patchPods } from './patch-pods';
import { technique as persistentVolumeHostPath } from './persistent-volume-host-path';
import { technique as podAttach } from './pod-attach';
import { technique as podExec } from './pod-exec';
import { technique as podNetworkLateral } from './pod-network-lateral';
import { technique as privilegedContainer } from './privileged-container';
import { technique as projectedVolumes } from './projected-volumes';
import { technique as rbacBind } from './rbac-bind';
import { technique as rbacEscalate } from './rbac-escalate';
import { technique as rbacPermissions } from './rbac-permissions';
import { technique as reachKubelet } from './reach-kubelet';
import { technique as remoteAccessPivot } from './remote-access-pivot';
import { technique as sharedProcessNamespace } from './shared-process-namespace';
import { technique as stealServiceAccountToken } from './steal-service-account-token';
import { technique as systemMastersGroup } from './system-masters-group';
import { technique as tokenSecretIssue } from './token-secret-issue';
import { technique as varLogSymlink } from './var-log-symlink';
import { technique as componentActsForCaller } from './component-acts-for-caller';
import { technique as credentialsInSecrets } from './credentials-in-secrets';
import { technique as powerfulCredentialInSecret } from './powerful-credential-in-secret';
import type { Technique } from './technique';

export const techniques: readonly Technique[] = [
  admissionWebhookControl,
  anonymousAuthentication,
  anyGoogleAccount,
  apiAuthorizationAlwaysAllow,
  apiInsecurePort,
  apiServerPublicEndpoint,
  awsAuthConfigmap,
  capSysAdmin,
  capSysModule,
  capSysPtrace,
  cloudMetadata,
  clusterAdminRights,
  containerRuntimeSocket,
  controlPlaneNode,
  controlPlanePods,
  corePattern,
  createPodWithServiceAccount,
  createPrivilegedPod,
  createServiceAccountToken,
  csrApprove,
  daemonsetOnEveryNode,
  ephemeralContainers,
  etcdAccess,
  exploitExposedWorkload,
  getSecretsByName,
  hostPathRead,
  hostPathTraverse,
  hostPathWrite,
  impersonate,
  inClusterApiAccess,
  kernelEscapeBug,
  kubeletAnonymousAccess,
  kubeletCredentials,
  kubeletReadOnlyPort,
  leakedCredential,
  listSecrets,
  mountedSecrets,
  nodePodTakeover,
  nodeServiceAccountTokens,
  nodesProxy,
  nsenterHostPid,
  patchNodes,
  patchPods,
  persistentVolumeHostPath,
  podAttach,
  podExec,
  podNetworkLateral,
  privilegedContainer,
  projectedVolumes,
  rbacBind,
  rbacEscalate,
  rbacPermissions,
  reachKubelet,
  remoteAccessPivot,
  sharedProcessNamespace,
  stealServiceAccountToken,
  systemMastersGroup,
  tokenSecretIssue,
  varLogSymlink,
  componentActsForCaller,
  credentialsInSecrets,
  powerfulCredentialInSecret,
];

export const techniqueById = new Map(techniques.map((t) => [t.id, t]));

// Findings share a technique's list of references: frozen, so no reader can change the catalogue.
for (const t of techniques) Object.freeze(t.references);

export type { Technique, TechniqueContext } from './technique';
