import type { KubeObject } from '../manifests/document';

// The ConfigMaps the analysis reads: a catalogue, one entry a line, so that a ConfigMap a
// technique reads is not called "not modelled" and the one that is says which are.

export interface ReadConfigMap {
  namespace: string;
  name: string;
  /** What it holds, for the learner. */
  what: string;
}

export const readConfigMaps: readonly ReadConfigMap[] = [
  {
    namespace: 'kube-system',
    name: 'aws-auth',
    what: "EKS's map from IAM identities to Kubernetes users and groups",
  },
];

/** The catalogue's entry for a ConfigMap the analysis reads. */
export function configMapRead(o: KubeObject): ReadConfigMap | undefined {
  if (o.kind !== 'ConfigMap') return undefined;
  const ns = o.namespace ?? 'default';
  return readConfigMaps.find((c) => c.namespace === ns && c.name === o.name);
}

/** What an unread ConfigMap's "not modelled" diagnostic adds: the ones that are read. */
export function readConfigMapsNote(): string {
  return `; only ${readConfigMaps.map((c) => `${c.namespace}/${c.name} (${c.what})`).join(', ')} and the ConfigMaps that recognised components name in their flags (ingress-nginx's --configmap) are read`;
}
