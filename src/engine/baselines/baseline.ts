import type { PssLevel } from '../pss';
import type { Reference } from '../types';

/**
 * The control plane an input runs on when the input does not say: a named profile (one file
 * each in this folder). What a real format in the input says (kube-apiserver flags, kubeadm,
 * eksctl `ClusterConfig`, GKE `ContainerCluster`, `KubeletConfiguration`, an
 * `AuthenticationConfiguration`) and what the ThreatModel states explicitly win over it.
 */
export interface Baseline {
  /** What `--baseline` and the ThreatModel's `spec.baseline` name. */
  id: string;
  title: string;
  /** Why these settings: what the provider documents, in a few sentences. */
  description: string;
  /** The provider's pages (or the standard) each setting comes from. */
  references: readonly Reference[];
  settings: BaselineSettings;
}

export interface BaselineSettings {
  /** The API endpoint is reachable from the Internet. */
  publicEndpoint: boolean;
  /**
   * Anonymous requests reach the API (as `system:anonymous`), unless the input carries the
   * API server's own command line, kubeadm's configuration or an AuthenticationConfiguration.
   */
  anonymousAuth: boolean;
  /** Pods reach the cloud's instance-metadata service (the ThreatModel's `cloud.metadata` wins). */
  cloudMetadata: boolean;
  /**
   * The credentials the metadata service hands out act as the node's Kubernetes identity
   * (`system:node:<name>`): true where the node's cloud role is what logs the kubelet in.
   */
  metadataGivesNodeIdentity: boolean;
  /**
   * Anyone with an account at the provider is in `system:authenticated` (GKE: every Google
   * account), so a binding to that group is a binding to the Internet.
   */
  authenticatedIsPublic: boolean;
  /**
   * The provider runs the control plane out of the cluster's sight: no node of the cluster
   * is a control-plane node, so no pod, DaemonSet or `nodeName` reaches one, and no kubelet
   * or static pod of the control plane is in the model (unless the input lists them).
   */
  managedControlPlane: boolean;
  /** The Pod Security level for namespaces without an `enforce` label, unless configured. */
  podSecurityDefault: PssLevel;
  /**
   * Credentials the provider creates with every cluster, which can leak like any kubeconfig
   * (the ThreatModel's `credentials` list replaces them).
   */
  credentials: readonly BaselineCredential[];
}

export interface BaselineCredential {
  id: string;
  user: string;
  groups: readonly string[];
  keptAt: string;
}
