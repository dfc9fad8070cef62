import type { Baseline } from './baseline';

export const baseline: Baseline = {
  id: 'hardened',
  title: 'a hardened control plane',
  description:
    'A control plane set up as the CIS Kubernetes Benchmark and the NSA/CISA hardening guide ask: the API endpoint is private (reached only from inside the network), anonymous authentication is off (CIS 1.2.1), pods cannot reach the cloud metadata service (blocked, or Workload Identity), Pod Security enforces baseline in namespaces without a label, and no long-lived administrator credential exists outside the cluster. Judge an application against it to see what the application itself adds.',
  references: [
    'https://www.cisecurity.org/benchmark/kubernetes',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-authenticator-configuration',
  ],
  settings: {
    publicEndpoint: false,
    anonymousAuth: false,
    cloudMetadata: false,
    metadataGivesNodeIdentity: true,
    authenticatedIsPublic: false,
    managedControlPlane: false,
    podSecurityDefault: 'baseline',
    credentials: [],
  },
};
