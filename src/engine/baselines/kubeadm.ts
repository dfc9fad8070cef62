import type { Baseline } from './baseline';

export const baseline: Baseline = {
  id: 'kubeadm',
  title: 'a kubeadm cluster with upstream defaults',
  description:
    "A cluster set up by kubeadm on cloud virtual machines, with Kubernetes' own defaults where the input says nothing: the API server listens on every address (a public endpoint), anonymous authentication is on (kube-apiserver's default), authorisation is Node,RBAC, pods reach the cloud's metadata service and the node credentials it hands out, and namespaces without a Pod Security label run privileged pods. The engine's defaults before baselines existed, and the default baseline.",
  references: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
    'https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/',
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
  ],
  settings: {
    publicEndpoint: true,
    anonymousAuth: true,
    cloudMetadata: true,
    metadataGivesNodeIdentity: true,
    authenticatedIsPublic: false,
    managedControlPlane: false,
    podSecurityDefault: 'privileged',
    credentials: [],
  },
};
