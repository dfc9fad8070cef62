import type { Baseline } from './baseline';

export const baseline: Baseline = {
  id: 'gke',
  title: 'Google Kubernetes Engine (Standard) with its defaults',
  description:
    "A GKE Standard cluster as created without options: the control plane has a public endpoint and no authorised networks, anonymous authentication is enabled for every endpoint (AnonymousAuthenticationConfig mode ENABLED; LIMITED keeps it to health checks), and GKE puts every caller signed in with any Google account, Gmail included, into system:authenticated, so a binding to that group is open to anyone. Without Workload Identity Federation (off by default on Standard) pods read the node's Compute Engine metadata, which exposes the node service account's credentials but not the kubelet's own client certificate (shielded nodes), so the metadata does not give the node's Kubernetes identity. The provider runs the control plane on machines that are not nodes of the cluster: no pod can be placed on a control-plane node.",
  references: [
    'https://cloud.google.com/kubernetes-engine/docs/concepts/network-overview#public-cluster',
    'https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#anonymousauthenticationconfig',
    'https://cloud.google.com/kubernetes-engine/docs/best-practices/rbac#default-users-groups',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata',
    'https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes',
    'https://www.cisecurity.org/benchmark/kubernetes (CIS GKE 4.1.10: avoid non-default bindings to system:authenticated)',
    'https://cloud.google.com/kubernetes-engine/docs/concepts/cluster-architecture#control_plane (the control plane is managed by Google; its VMs are not nodes of the cluster)',
  ],
  settings: {
    publicEndpoint: true,
    anonymousAuth: true,
    cloudMetadata: true,
    metadataGivesNodeIdentity: false,
    authenticatedIsPublic: true,
    managedControlPlane: true,
    podSecurityDefault: 'privileged',
    credentials: [],
  },
};
