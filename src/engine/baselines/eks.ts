import type { Baseline } from './baseline';

export const baseline: Baseline = {
  id: 'eks',
  title: 'Amazon EKS with its defaults',
  description:
    "An EKS cluster as created without options: the API endpoint is public and open to 0.0.0.0/0 (endpointPublicAccess defaults to true), anonymous requests are authenticated as system:anonymous (RBAC grants them only the discovery roles), every pod reaches the EC2 instance metadata service and with it the node's IAM role, which is what logs the node in as system:node:<name> (aws-auth or an access entry maps it), and the IAM principal that created the cluster is made a cluster administrator (bootstrapClusterCreatorAdminPermissions defaults to true), a credential that can leak. The provider runs the control plane on machines that are not nodes of the cluster: no pod can be placed on a control-plane node.",
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
    'https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessConfigRequest.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/restrict-ec2-credential-access.html',
    'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html',
    "https://docs.aws.amazon.com/eks/latest/userguide/eks-architecture.html (the control plane runs in an AWS-managed account, not on the cluster's nodes)",
  ],
  settings: {
    publicEndpoint: true,
    anonymousAuth: true,
    cloudMetadata: true,
    metadataGivesNodeIdentity: true,
    authenticatedIsPublic: false,
    managedControlPlane: true,
    podSecurityDefault: 'privileged',
    credentials: [
      {
        id: 'cluster-creator',
        user: 'cluster-creator',
        groups: ['system:masters'],
        keptAt: 'the AWS credentials of whoever created the cluster',
      },
    ],
  },
};
