import type { Ability, Container, Pod, SubjectKey } from '../model/types';

// Facts are strings, so rules read like the sentences they stand for and a witness can be
// printed without a lookup table. Capabilities are what the attacker holds; conditions
// (prefix `c:`) are facts about the cluster, true today or made true by a mess-up.
//
// Grounding asks for the same keys tens of thousands of times on a large cluster. Each
// key is built once and handed out again, so the graph's index looks up a string whose
// hash is already known instead of hashing a fresh copy each time.

/** Keys for names: built once per name, kept across analyses (up to a bound). */
function perName(prefix: string): (name: string) => string {
  const memo = new Map<string, string>();
  return (name) => {
    let key = memo.get(name);
    if (key === undefined) {
      if (memo.size >= 50_000) memo.clear();
      memo.set(name, (key = prefix + name));
    }
    return key;
  };
}

/** A family of keys by a first part (an ability, a capability) and then per object or name. */
function family<F>(make: (first: string) => F): (first: string) => F {
  const families = new Map<string, F>();
  return (first) => {
    let f = families.get(first);
    if (f === undefined) {
      if (families.size >= 50_000) families.clear();
      families.set(first, (f = make(first)));
    }
    return f;
  };
}

/** Keys for a pod, by its id: the model is rebuilt per analysis, its ids stay the same. */
const podKey = (prefix: string) => {
  const byId = perName(prefix);
  return (pod: Pod) => byId(pod.id);
};

const containerKey = (prefix: string) => {
  const byPod = family((podId) => perName(`${prefix}${podId}#`));
  return (pod: Pod, c: Container) => byPod(pod.id)(c.name);
};

const grantKey = family((subject) =>
  family((ability) => perName(`c:grant:${subject}:${ability}:`)),
);
const podCondition = (kind: string) => podKey(`c:${kind}:`);
const containerCondition = (kind: string) => containerKey(`c:${kind}:`);
// Families are built once here, not per call: each holds its memo.
const permKey = family((ability) => perName(`perm:${ability}:`));
const capabilityKey = family((cap) => containerCondition(`cap-${cap}`));
const hostPathKey = family((kind) => containerCondition(`hostpath-${kind}`));

export const fact = {
  at: (position: string) => `at:${position}`,
  apiReach: 'reach:api',
  etcdReach: 'reach:etcd',
  clusterNetwork: 'net:cluster',
  kubeletReach: perName('reach:kubelet:'),
  kubeletApi: perName('kubelet:'),
  podReach: podKey('reach:pod:'),
  exec: containerKey('exec:'),
  root: perName('root:'),
  as: perName('as:') as (subject: SubjectKey) => string,
  authenticated: 'as:*',
  perm: (ability: Ability, scope: string) => permKey(ability)(scope),
  secret: perName('secret:'),
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
    grantKey(subject)(ability)(scope),
  automount: podCondition('automount'),
  exposed: podCondition('exposed'),
  bug: podCondition('bug'),
  privileged: containerCondition('privileged'),
  capability: (cap: string, pod: Pod, c: Container) => capabilityKey(cap)(pod, c),
  hostPath: (kind: string, pod: Pod, c: Container) => hostPathKey(kind)(pod, c),
  hostPID: podCondition('host-pid'),
  hostNetwork: podCondition('host-network'),
  shareProcessNamespace: podCondition('share-process-namespace'),
  psaAllowsPrivileged: perName('c:psa-allows-privileged:'),
  networkPolicyRemoved: perName('c:netpol-removed:'),
  ingressOpen: podCondition('ingress-open'),
  egressOpen: podCondition('egress-open'),
  metadataOpen: podCondition('metadata-open'),
  apiEgressOpen: podCondition('api-egress-open'),
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
