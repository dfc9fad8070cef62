import { getIn, str } from '../manifests/access';
import { ref, type SourceRef } from '../manifests/locate';
import type { ClusterModel } from './types';

// Whether the cluster is EKS and still reads the `aws-auth` ConfigMap to map IAM identities.

export interface AwsAuth {
  /** Where the input says so: the eksctl ClusterConfig, or the ConfigMap itself. */
  at: SourceRef;
  /** The ConfigMap is in the input (else the attacker would have to create it). */
  exists: boolean;
}

/**
 * EKS reads `kube-system/aws-auth` unless the cluster's authentication mode is `API` (access
 * entries only); eksctl's `accessConfig.authenticationMode` says which, and clusters without
 * it (and every cluster created before access entries) read the ConfigMap.
 */
export function awsAuth(model: ClusterModel): AwsAuth | undefined {
  const configMap = model.objects.find(
    (o) => o.kind === 'ConfigMap' && o.namespace === 'kube-system' && o.name === 'aws-auth',
  );
  const eksctl = model.objects.find(
    (o) => o.kind === 'ClusterConfig' && o.apiVersion.startsWith('eksctl.io/'),
  );
  if (eksctl && str(getIn(eksctl.raw, ['accessConfig', 'authenticationMode'])) === 'API')
    return undefined;
  if (configMap) return { at: ref(configMap, ['metadata']), exists: true };
  if (eksctl) return { at: ref(eksctl, ['metadata']), exists: false };
  return undefined;
}
