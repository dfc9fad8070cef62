import type { Baseline } from './baseline';

export const baseline: Baseline = {
  id: 'aks',
  title: 'Azure Kubernetes Service with its defaults',
  description:
    "An AKS cluster as created without options: the API server has a public FQDN, anonymous authentication is assumed at kube-apiserver's default (on; RBAC grants system:anonymous only the discovery roles), every pod reaches the Azure Instance Metadata Service (restricting it is an opt-in preview) and gets managed-identity tokens for Azure, not the kubelet's Kubernetes credentials, and local accounts are enabled: `az aks get-credentials --admin` downloads a clusterAdmin kubeconfig in system:masters for whoever holds the Azure Kubernetes Service Cluster Admin role, a credential that can leak (disableLocalAccounts turns it off). The provider runs the control plane on machines that are not nodes of the cluster: no pod can be placed on a control-plane node.",
  references: [
    'https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges',
    'https://learn.microsoft.com/en-us/azure/aks/imds-restriction',
    'https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad',
    'https://learn.microsoft.com/en-us/azure/aks/concepts-identity',
    'https://learn.microsoft.com/en-us/azure/aks/cis-kubernetes',
    'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.AKS.LocalAccounts/',
    'https://learn.microsoft.com/en-us/azure/aks/core-aks-concepts#control-plane (the control plane is managed by Azure and not accessible)',
  ],
  settings: {
    publicEndpoint: true,
    anonymousAuth: true,
    cloudMetadata: true,
    metadataGivesNodeIdentity: false,
    authenticatedIsPublic: false,
    managedControlPlane: true,
    podSecurityDefault: 'privileged',
    credentials: [
      {
        id: 'aks-cluster-admin',
        user: 'clusterAdmin',
        groups: ['system:masters'],
        keptAt: 'the machines of whoever ran az aks get-credentials --admin',
      },
    ],
  },
};
