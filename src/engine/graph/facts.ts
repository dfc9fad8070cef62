import type { Ability, Container, Pod, SubjectKey } from '../model/types';

// Facts are strings, so rules read like the sentences they stand for and a witness can be
// printed without a lookup table. Capabilities are what the attacker holds; conditions
// (prefix `c:`) are facts about the cluster, true today or made true by a mess-up.

export const fact = {
  at: (position: string) => `at:${position}`,
  apiReach: 'reach:api',
  etcdReach: 'reach:etcd',
  clusterNetwork: 'net:cluster',
  kubeletReach: (node: string) => `reach:kubelet:${node}`,
  kubeletApi: (node: string) => `kubelet:${node}`,
  podReach: (pod: Pod) => `reach:pod:${pod.id}`,
  exec: (pod: Pod, container: Container) => `exec:${pod.id}#${container.name}`,
  root: (node: string) => `root:${node}`,
  as: (subject: SubjectKey) => `as:${subject}`,
  authenticated: 'as:*',
  perm: (ability: Ability, scope: string) => `perm:${ability}:${scope}`,
  secret: (key: string) => `secret:${key}`,
  cloud: (node: string) => `cloud:${node}`,
  /** The service-account token files kept on a node (under /var/lib/kubelet/pods). */
  nodeTokens: (node: string) => `tokens:${node}`,
  /** Workloads are being rescheduled onto a node the attacker owns. */
  luredWorkloads: 'lured:workloads',
  recon: (node: string) => `recon:${node}`,
  goal: (id: string) => `goal:${id}`,
};

export const cond = {
  apiPublic: 'c:api-public',
  anonymousAuth: 'c:anonymous-auth',
  alwaysAllow: 'c:api-always-allow',
  insecurePort: 'c:api-insecure-port',
  remoteAccessCompromised: 'c:remote-access-compromised',
  cloudMetadata: 'c:cloud-metadata',
  etcdExposed: 'c:etcd-exposed',
  etcdNoAuth: 'c:etcd-no-client-auth',
  leaked: (credential: string) => `c:leaked:${credential}`,
  tokenSecretLeaked: (secret: string) => `c:leaked-token:${secret}`,
  grant: (subject: SubjectKey, ability: Ability, scope: string) =>
    `c:grant:${subject}:${ability}:${scope}`,
  automount: (pod: Pod) => `c:automount:${pod.id}`,
  exposed: (pod: Pod) => `c:exposed:${pod.id}`,
  bug: (pod: Pod) => `c:bug:${pod.id}`,
  privileged: (pod: Pod, c: Container) => `c:privileged:${pod.id}#${c.name}`,
  capability: (cap: string, pod: Pod, c: Container) => `c:cap-${cap}:${pod.id}#${c.name}`,
  hostPath: (kind: string, pod: Pod, c: Container) => `c:hostpath-${kind}:${pod.id}#${c.name}`,
  hostPID: (pod: Pod) => `c:host-pid:${pod.id}`,
  hostNetwork: (pod: Pod) => `c:host-network:${pod.id}`,
  shareProcessNamespace: (pod: Pod) => `c:share-process-namespace:${pod.id}`,
  psaAllowsPrivileged: (namespace: string) => `c:psa-allows-privileged:${namespace}`,
  networkPolicyRemoved: (policy: string) => `c:netpol-removed:${policy}`,
  ingressOpen: (pod: Pod) => `c:ingress-open:${pod.id}`,
  egressOpen: (pod: Pod) => `c:egress-open:${pod.id}`,
  metadataOpen: (pod: Pod) => `c:metadata-open:${pod.id}`,
  apiEgressOpen: (pod: Pod) => `c:api-egress-open:${pod.id}`,
  kubeletAnonymous: (node: string) => `c:kubelet-anonymous:${node}`,
  kubeletAlwaysAllow: (node: string) => `c:kubelet-always-allow:${node}`,
  kubeletReadOnlyPort: (node: string) => `c:kubelet-read-only-port:${node}`,
  kernelEscape: (node: string) => `c:kernel-escape:${node}`,
};

export function isCondition(key: string): boolean {
  return key.startsWith('c:');
}

/** A short phrase for a capability, as the witness steps print it. */
export function describeFact(key: string): string {
  const [kind, ...rest] = key.split(':');
  const tail = rest.join(':');
  switch (kind) {
    case 'at':
      return tail === 'internet'
        ? 'the Internet'
        : tail === 'corp'
          ? 'the corporate network'
          : tail;
    case 'reach':
      if (tail === 'api') return 'the API server';
      if (tail === 'etcd') return 'etcd';
      if (tail.startsWith('kubelet:')) return `the kubelet of node ${tail.slice(8)}`;
      if (tail.startsWith('pod:')) return `the network port of ${tail.slice(4)}`;
      return tail;
    case 'net':
      return 'the pod network';
    case 'kubelet':
      return `the kubelet API of node ${tail}`;
    case 'exec': {
      const [pod, container] = tail.split('#');
      return `code execution in container ${container} of ${pod}`;
    }
    case 'root':
      return `root on node ${tail}`;
    case 'as':
      return tail === '*' ? 'an authenticated identity' : `the identity ${describeSubject(tail)}`;
    case 'perm': {
      const [ability, scope] = [rest[0] ?? '', rest.slice(1).join(':')];
      if (scope.includes('/')) return `the right to read Secret ${scope}`;
      const where = scope === '*' ? 'cluster-wide' : `in namespace ${scope}`;
      return ability === 'admin'
        ? `full rights ${where}`
        : `the right to ${ability.replace('-', ' ')} ${where}`;
    }
    case 'secret':
      return `the content of Secret ${tail}`;
    case 'cloud':
      return `the cloud credentials of node ${tail}`;
    case 'tokens':
      return `the service-account tokens stored on node ${tail}`;
    case 'lured':
      return 'workloads moved onto a node the attacker owns';
    case 'recon':
      return `the pod specs of node ${tail}`;
    case 'goal':
      return `the goal ${tail}`;
    case 'c':
      return describeCondition(tail);
    default:
      return key;
  }
}

export function describeSubject(subject: SubjectKey): string {
  if (subject.startsWith('user:')) return `user ${subject.slice(5)}`;
  if (subject.startsWith('group:')) return `group ${subject.slice(6)}`;
  if (subject.startsWith('sa:')) {
    const [ns, name] = subject.slice(3).split(':');
    return `service account ${ns}/${name}`;
  }
  return subject;
}

/** Conditions appear as a step's starting point only when the step needs no capability. */
function describeCondition(tail: string): string {
  const [kind, ...rest] = tail.split(':');
  const what = rest.join(':');
  if (kind === 'leaked') return `the leaked credential ${what}`;
  if (kind === 'leaked-token') return `the leaked token of Secret ${what}`;
  return 'the cluster as it is configured';
}
