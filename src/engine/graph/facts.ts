import { describeRequestKey, requestKey } from '../authz/requests';
import type { ResourceRequest } from '../authz/rules';
import type { Ability, Container, GroundingMemo, Pod, SubjectKey } from '../model/types';

// A fact is named by a string key, so rules read like the sentences they stand for and a
// witness can be printed without a lookup table. Capabilities are what the attacker holds;
// conditions (prefix `c:`) are facts about the cluster, true today or made true by a mess-up.
//
// Grounding names the same facts hundreds of thousands of times on a large cluster. So each
// key has one `Fact` object, kept across analyses, and the graph being grounded writes its id
// for the fact onto it (see GraphBuilder.id): no string is built or looked up per rule. The
// helpers below hand out those objects, built once per name.

/** One fact: its key, and its id in the graph being grounded. */
export class Fact {
  /** The grounding `id` belongs to; ids of other groundings are stale. */
  grounding = 0;
  id = -1;
  /**
   * What bookkeeping widens: an identity (`as:`), a right (`perm:`), or neither (`FactKind`,
   * the low two bits), and above them the number of the pod id the key may end with
   * (`podIdNumber`; 0: none). In one number: a field more on each of half a million facts (a
   * dump of 90,000 objects) was 4 MB.
   */
  readonly kind: number;
  constructor(readonly key: string) {
    const kind = key.startsWith('as:')
      ? FactKind.Identity
      : key.startsWith('perm:')
        ? FactKind.Right
        : FactKind.Other;
    const pod = podIdOf(key);
    this.kind = pod === '' ? kind : kind | (podIdNumber(pod) << podBits);
  }
}

export const FactKind = { Other: 0, Identity: 1, Right: 2 } as const;
export type FactKind = (typeof FactKind)[keyof typeof FactKind];

const podBits = 2;

/** `FactKind` of a fact. */
export function kindOf(f: Fact): FactKind {
  return (f.kind & ((1 << podBits) - 1)) as FactKind;
}

/**
 * The number of the pod id `f`'s key may end with (`podIdOf`), 0 for none: the admission
 * guard (graph/graph.ts) finds a refused pod's facts by it, cutting and hashing no key,
 * grounding after grounding (the cut keys were 3% of grounding the layered manifests).
 */
export function podNumberOf(f: Fact): number {
  return f.kind >>> podBits;
}

/** Numbers for the pod ids keys end with, while the fact table lasts (0 is none). */
let podIdNumbers = new Map<string, number>();

/** How many pod ids are numbered (the highest number). */
export function podIdCount(): number {
  return podIdNumbers.size;
}

/** The number of a pod id (`ns/Kind/name`), given on first sight. */
export function podIdNumber(id: string): number {
  let n = podIdNumbers.get(id);
  if (n === undefined) podIdNumbers.set(id, (n = podIdNumbers.size + 1));
  return n;
}

/**
 * The pod id a fact's key ends with (`exec:<pod id>#<container>`, `c:host-pid:<pod id>`...):
 * pod ids (`ns/Kind/name`) hold no colon, so it is what follows the last one, up to a `#`.
 * For any other fact this is a string no pod id equals ('' when no slash follows).
 */
export function podIdOf(key: string): string {
  const colon = key.lastIndexOf(':');
  // Most facts end with no pod id (which holds slashes): nothing cut for them.
  if (key.indexOf('/', colon + 1) === -1) return '';
  const tail = key.slice(colon + 1);
  const hash = tail.indexOf('#');
  return hash === -1 ? tail : tail.slice(0, hash);
}

/** Every fact handed out, by key: the same key is always the same object. */
let interned = new Map<string, Fact>();
/** Facts held by module constants: they survive a reset. */
const constants: Fact[] = [];
/**
 * The memos the helpers below create as this module loads, emptied on a reset with the table.
 * Memos created later sit inside a family's memo and go when it is emptied.
 */
const memos: Map<string, unknown>[] = [];
let loaded = false;
/** Numbers the fact tables: a memo filled under an earlier one is stale. */
let tables = 0;
export const factLimits = {
  /** Facts kept across analyses, at most: beyond, the table starts again before a grounding. */
  maxFacts: 400_000,
};

/** Facts handed out under this table, in `interned` or kept by their owners (`owned`). */
let handedOut = 0;

/** The fact named `key`. */
export function named(key: string): Fact {
  let f = interned.get(key);
  if (f === undefined) {
    interned.set(key, (f = new Fact(key)));
    handedOut++;
  }
  return f;
}

/**
 * A fact only one memo ever names (a request's, a pod's conditions), kept by that memo and in
 * no table by key: half of a large cluster's facts, each an entry fewer to hash and keep.
 * Nothing names them by key while grounding; `Graph.idOf` finds them in the graph's facts.
 */
function owned(key: string): Fact {
  handedOut++;
  return new Fact(key);
}

function constant(key: string): Fact {
  const f = named(key);
  constants.push(f);
  return f;
}

/**
 * Bounds the table over a long session (a learner's edits name new objects): called before a
 * grounding starts, never during one, so a grounding never sees two objects for one key.
 */
export function limitFacts(): void {
  if (handedOut < factLimits.maxFacts) return;
  interned = new Map(constants.map((f) => [f.key, f]));
  handedOut = interned.size;
  // The constants end with no pod id: the numbers start again with the table.
  podIdNumbers = new Map();
  widened = new Map();
  for (const memo of memos) memo.clear();
  tables++;
}

/** The fact table's number: facts handed out under another are not this table's. */
export function factTable(): number {
  return tables;
}

function memo<V>(): Map<string, V> {
  const m = new Map<string, V>();
  if (!loaded) memos.push(m);
  return m;
}

/**
 * The facts one step wider than `f` (an identity's groups, a right's wider scopes), as `work`
 * finds them, kept while the fact table lasts: every grounding widens the same facts, and a
 * fact outlives the analyses that name it. One memo per fact, so a kind of fact must always
 * be asked with the same `work`. Kept apart from the facts: few are widened, and two fields
 * on each of half a million facts (a dump of 90,000 objects) were 9 MB.
 */
export function wider(f: Fact, work: (f: Fact) => readonly Fact[]): readonly Fact[] {
  let found = widened.get(f);
  if (found === undefined) widened.set(f, (found = work(f)));
  return found;
}

let widened = new Map<Fact, readonly Fact[]>();

/** Facts for names: built once per name. */
function perName(prefix: string): (name: string) => Fact {
  const byName = memo<Fact>();
  return (name) => {
    let f = byName.get(name);
    if (f === undefined) byName.set(name, (f = named(prefix + name)));
    return f;
  };
}

/** A family of facts by a first part (an ability, a capability) and then per object or name. */
function family<F>(make: (first: string) => F): (first: string) => F {
  const families = memo<F>();
  return (first) => {
    let f = families.get(first);
    if (f === undefined) families.set(first, (f = make(first)));
    return f;
  };
}

/**
 * A pod's (or container's) facts are also kept in its own memo, a slot per helper: grounding
 * names one pod's facts dozens of times, technique after technique, and reading a slot on the
 * pod costs less than hashing its id into a table that holds every pod's. The memo is kept
 * per pod id across analyses (see GroundingMemo); entries from before the table was rebuilt
 * are dropped.
 */
function remembered(memo: GroundingMemo, slot: number): Fact | undefined {
  if (memo.table !== tables) {
    memo.table = tables;
    // Emptied in place: cutting the length gave the room back, and the next entry written
    // grew the array to seventeen slots (V8's first step), most of a request's memo.
    memo.entries.fill(undefined);
  }
  return memo.entries[slot] as Fact | undefined;
}

/**
 * Subject `i` of a binding: the identity it names (`as:<subject key>`) and "it is bound"
 * (`c:bound:<binding id>#<i>`), kept in the binding's memo. The authorizer names them for
 * every request the binding's rules allow, thousands of times per analysis; the built-in
 * bindings, resolved once per process, keep them from one analysis to the next.
 */
export function subjectIdentity(memo: GroundingMemo, i: number, key: SubjectKey): Fact {
  return remembered(memo, 2 * i) ?? (memo.entries[2 * i] = fact.as(key));
}

export function subjectBound(memo: GroundingMemo, i: number, bindingId: string): Fact {
  return remembered(memo, 2 * i + 1) ?? (memo.entries[2 * i + 1] = cond.bound(`${bindingId}#${i}`));
}

/** A request's facts (graph/knownRequests.ts), kept on the request while the fact table lasts. */
export interface RequestFacts extends ResourceRequest {
  table: number;
  can: Fact | undefined;
  scopeAdmin: Fact | undefined;
}

function requestFacts(r: RequestFacts): RequestFacts {
  if (r.table !== tables) {
    r.table = tables;
    r.can = undefined;
    r.scopeAdmin = undefined;
  }
  return r;
}

/**
 * `can:<key>`: the attacker may make the request. The request keeps its fact, which is in no
 * table by key: a dump of 90,000 objects asks about a quarter of a million requests, and
 * nothing names one by its key while grounding (`Graph.idOf` finds it in the graph's facts).
 * So a request is the only way to its fact: there is no `fact.can`.
 */
export function requestFact(r: RequestFacts): Fact {
  return (requestFacts(r).can ??= owned(`can:${requestKey(r)}`));
}

/** Full rights where the request is made (`perm:admin:<namespace or *>`), kept likewise. */
export function requestScopeAdmin(r: RequestFacts): Fact {
  return (requestFacts(r).scopeAdmin ??= fact.perm('admin', r.namespace || '*'));
}

let podSlots = 0;
let containerSlots = 0;

/**
 * Facts for a pod, by its id. `make`: `owned` for the pod's conditions, which only these
 * helpers name; `named` for what is also looked up by key (code execution in a container is a
 * goal, and usableRules asks for it by key).
 */
const podKey = (prefix: string, make = named) => {
  const slot = podSlots++;
  return (pod: Pod) =>
    remembered(pod.facts, slot) ?? (pod.facts.entries[slot] = make(prefix + pod.id));
};

/** Facts for a container, by its pod's id and its name. */
const containerKey = (prefix: string, make = named) => {
  const slot = containerSlots++;
  return (pod: Pod, c: Container) =>
    remembered(c.facts, slot) ?? (c.facts.entries[slot] = make(`${prefix}${pod.id}#${c.name}`));
};

const grantKey = family((subject) =>
  family((ability) => perName(`c:grant:${subject}:${ability}:`)),
);
const podCondition = (kind: string) => podKey(`c:${kind}:`, owned);
const containerCondition = (kind: string) => containerKey(`c:${kind}:`, owned);
// Families are built once here, not per call: each holds its memo.
const permKey = family((ability) => perName(`perm:${ability}:`));
const capabilityKey = family((cap) => containerCondition(`cap-${cap}`));
const hostPathKey = family((kind) => containerCondition(`hostpath-${kind}`));
const appliedKey = family((template) => perName(`m:${template}:`));
const allowedKey = family((policyId) => perName(`via:${policyId}#`));
const serviceAccountKey = family((namespace) => perName(`as:sa:${namespace}:`));

export const fact = {
  at: perName('at:'),
  apiReach: constant('reach:api'),
  etcdReach: constant('reach:etcd'),
  clusterNetwork: constant('net:cluster'),
  kubeletReach: perName('reach:kubelet:'),
  kubeletApi: perName('kubelet:'),
  podReach: podKey('reach:pod:'),
  exec: containerKey('exec:'),
  root: perName('root:'),
  as: perName('as:') as (subject: SubjectKey) => Fact,
  // The identities techniques name per pod or node, found by their parts: no subject key
  // is built per lookup (they are the same facts as `as` with the key).
  serviceAccount: (namespace: string, name: string) => serviceAccountKey(namespace)(name),
  nodeIdentity: perName('as:user:system:node:'),
  group: perName('as:group:'),
  authenticated: constant('as:*'),
  perm: (ability: Ability, scope: string) => permKey(ability)(scope),
  /** The attacker may bind a role to itself (`<kind>:<ns>/<name>@<scope>`). */
  bindable: perName('bindable:'),
  /** The attacker may write any rule into a role (`<kind>:<ns>/<name>`). */
  escalated: perName('escalated:'),
  /** The attacker may impersonate some user or service account (groups need one). */
  impersonator: constant('impersonator'),
  secret: perName('secret:'),
  cloud: perName('cloud:'),
  /** The service-account token files kept on a node (under /var/lib/kubelet/pods). */
  nodeTokens: perName('tokens:'),
  /** Workloads are being rescheduled onto a node the attacker owns. */
  luredWorkloads: constant('lured:workloads'),
  recon: perName('recon:'),
  goal: perName('goal:'),
  /** A mess-up has been made, for templates whose effect depends on another condition. */
  applied: (template: string, target: string) => appliedKey(template)(target),
  /** Traffic a rule of a NetworkPolicy lets through. */
  allowedBy: (policyId: string, rule: number) => allowedKey(policyId)(String(rule)),
};

export const cond = {
  apiPublic: constant('c:api-public'),
  anonymousAuth: constant('c:anonymous-auth'),
  alwaysAllow: constant('c:api-always-allow'),
  insecurePort: constant('c:api-insecure-port'),
  remoteAccessCompromised: constant('c:remote-access-compromised'),
  cloudMetadata: constant('c:cloud-metadata'),
  etcdExposed: constant('c:etcd-exposed'),
  etcdNoAuth: constant('c:etcd-no-client-auth'),
  leaked: perName('c:leaked:'),
  tokenSecretLeaked: perName('c:leaked-token:'),
  grant: (subject: SubjectKey, ability: Ability, scope: string) =>
    grantKey(subject)(ability)(scope),
  /** Subject `#i` of a binding is bound (`<Kind ns/name>#<i>`). */
  bound: perName('c:bound:'),
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
  kubeletAnonymous: perName('c:kubelet-anonymous:'),
  kubeletAlwaysAllow: perName('c:kubelet-always-allow:'),
  kubeletReadOnlyPort: perName('c:kubelet-read-only-port:'),
  kernelEscape: perName('c:kernel-escape:'),
  /** A credential with full control of the cluster is kept in a Secret of the namespace. */
  powerfulCredential: perName('c:powerful-credential:'),
};

// Every helper above exists now; memos made from here on belong to a family.
loaded = true;

export function isCondition(key: string): boolean {
  return key.startsWith('c:');
}

/** A short phrase for a capability, as the witness steps print it. */
export function describeFact(key: string): string {
  const colon = key.indexOf(':');
  const kind = colon === -1 ? key : key.slice(0, colon);
  const tail = colon === -1 ? '' : key.slice(colon + 1);
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
    case 'can':
      return describeRequestKey(tail);
    case 'bindable': {
      const [role = '', scope = ''] = tail.split('@');
      return `a binding of ${role.replace(':', ' ').replace(/ \//, ' ')} ${scope === '*' ? 'cluster-wide' : `in namespace ${scope}`} to itself`;
    }
    case 'escalated':
      return `any rule written into ${tail.replace(':', ' ').replace(/ \//, ' ')}`;
    case 'impersonator':
      return 'the right to impersonate some user';
    case 'perm': {
      const cut = tail.indexOf(':');
      const ability = cut === -1 ? tail : tail.slice(0, cut);
      const scope = cut === -1 ? '' : tail.slice(cut + 1);
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
