import { named } from '../src/engine/graph/facts';
import { GraphBuilder, type AttackGraph } from '../src/engine/graph/graph';
import type { MessUpTemplate } from '../src/engine/messups/template';
import type { InputFile } from '../src/engine/types';

// Generated families of MUT problems for the solver's benchmark (`bench/solver.ts`) and its
// tests (`test/engine/solverFamilies.test.ts`). Same parameters, same instance.
//
// Families 1 to 4 are attack graphs built directly, not manifests: the engine's manifests
// cannot express a chain of defences of any depth (a cluster's longest chain of distinct
// mess-ups is about three), and the solver only ever sees the graph. A graph family's size is
// given in objects as a cluster of that size would have it: about one candidate mess-up per
// object (9,810 candidates for 9,802 objects in the layered manifests below), so an instance
// "of 10,000 objects" has about 10,000 candidate mess-ups, and a few facts and rules each.
// The layered family also comes as manifests (`layeredManifests`), analysed end to end.

export interface Instance {
  family: string;
  /** The size as objects (see above). */
  objects: number;
  graph: AttackGraph;
  goal: string;
  /** The MUT by construction; undefined where only brute force knows it (random Horn). */
  mut: number | undefined;
}

const template: MessUpTemplate<string> = {
  id: 'bench',
  category: 'misconfiguration',
  title: 'A generated mess-up',
  description: 'A mess-up of a generated benchmark instance.',
  references: [],
  generate() {},
  describe: (about) => about,
};

/** Builds a graph from rules written as fact keys, conditions named `c:...`. */
class Builder {
  private readonly b = new GraphBuilder();

  constructor(start: string) {
    this.b.start(named(start));
  }

  rule(body: readonly string[], head: string): void {
    this.b.rule('bench-step', body.map(named), named(head));
  }

  /** A mess-up of `cost` that makes `condition` hold. */
  messUp(id: string, condition: string, cost = 1): void {
    this.b.messUp(id, template, id, cost, [named(condition)], []);
  }

  /** A condition that holds today. */
  present(condition: string): void {
    this.b.condition(named(condition), true);
  }

  build(): AttackGraph {
    return this.b.build();
  }
}

/** A seeded generator of numbers in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * 1. Layered defences, symmetric across namespaces. Each namespace has a front chain (the
 * Internet to code running in it: exposed, an application bug, ...) of `front` defences and a
 * back chain (from anywhere inside to the goal through it: network policy, token, RBAC, ...)
 * of `mut - front`; every third namespace has one defence more in front, every third another
 * one more at the back, so minimal sets of MUT + 1 exist. The first layer of each back chain
 * can be broken by either of two mess-ups (a token automounted, or leaked): interchangeable
 * mess-ups. Any front and any back make an attack: about N² equally cheap ones. MUT = `mut`.
 */
export function layered(objects: number, mut: number): Instance {
  const front = Math.floor(mut / 2);
  const back = mut - front;
  const perNamespace = mut + 2;
  const namespaces = Math.max(2, Math.round(objects / perNamespace));
  const g = new Builder('at:internet');
  for (let n = 0; n < namespaces; n++) {
    const f = front + (n % 3 === 1 ? 1 : 0);
    const k = back + (n % 3 === 2 ? 1 : 0);
    let previous = 'at:internet';
    for (let s = 0; s < f; s++) {
      const here = `front:${n}:${s}`;
      g.rule([previous, `c:front:${n}:${s}`], here);
      g.messUp(`front-${n}-${s}`, `c:front:${n}:${s}`);
      previous = here;
    }
    g.rule([previous], 'inside');
    previous = 'inside';
    for (let s = 0; s < k; s++) {
      const here = `back:${n}:${s}`;
      g.rule([previous, `c:back:${n}:${s}`], here);
      g.messUp(`back-${n}-${s}`, `c:back:${n}:${s}`);
      if (s === 0) g.messUp(`back-${n}-${s}-leak`, `c:back:${n}:${s}`);
      previous = here;
    }
    g.rule([previous], 'goal:layered');
  }
  return { family: 'layered', objects, graph: g.build(), goal: 'goal:layered', mut };
}

/**
 * 2. A deep chain: one long attack through `objects / 2` steps, `mut` of them guarded, each
 * guard broken by one mess-up of cost 1 or another of cost 2. Bypasses jump ahead over a
 * stretch of the chain for one mess-up more than the guards they skip (never cheaper, so
 * MUT = `mut`, and they make minimal sets of MUT + 1).
 */
export function deepChain(objects: number, mut: number, seed = 7): Instance {
  const random = lcg(seed);
  const length = Math.max(mut + 1, Math.round(objects / 2));
  const guarded = new Set<number>();
  for (let i = 0; i < mut; i++) guarded.add(1 + Math.floor(((i + 0.5) * (length - 1)) / mut));
  const g = new Builder('step:0');
  for (let t = 1; t <= length; t++) {
    if (guarded.has(t)) {
      g.rule([`step:${t - 1}`, `c:guard:${t}`], `step:${t}`);
      g.messUp(`guard-${t}`, `c:guard:${t}`, 1);
      g.messUp(`guard-${t}-alt`, `c:guard:${t}`, 2);
    } else g.rule([`step:${t - 1}`], `step:${t}`);
  }
  g.rule([`step:${length}`], 'goal:deep');
  const bypasses = Math.max(1, Math.round(objects / 4));
  for (let b = 0; b < bypasses; b++) {
    const from = Math.floor(random() * length);
    const span = 1 + Math.floor(random() * Math.max(1, (2 * length) / mut));
    const to = Math.min(length, from + span);
    let skipped = 0;
    for (let t = from + 1; t <= to; t++) if (guarded.has(t)) skipped++;
    const body = [`step:${from}`];
    for (let i = 0; i <= skipped; i++) {
      body.push(`c:bypass:${b}:${i}`);
      g.messUp(`bypass-${b}-${i}`, `c:bypass:${b}:${i}`);
    }
    g.rule(body, `step:${to}`);
  }
  return { family: 'deep chain', objects, graph: g.build(), goal: 'goal:deep', mut };
}

/**
 * 3. Wide OR: hundreds of independent ways in, each needing mistakes of its own: `mut` of
 * them for every fifth way, one or two more for the others. MUT = `mut`.
 */
export function wideOr(objects: number, mut: number): Instance {
  const ways = Math.max(1, Math.round(objects / (mut + 1)));
  const g = new Builder('at:internet');
  for (let w = 0; w < ways; w++) {
    const needs = mut + (w % 5 === 0 ? 0 : 1 + (w % 2));
    const body = ['at:internet'];
    for (let i = 0; i < needs; i++) {
      body.push(`c:way:${w}:${i}`);
      g.messUp(`way-${w}-${i}`, `c:way:${w}:${i}`);
    }
    g.rule(body, `entry:${w}`);
    g.rule([`entry:${w}`], 'goal:wide');
  }
  return { family: 'wide OR', objects, graph: g.build(), goal: 'goal:wide', mut };
}

/**
 * `ways` single mess-ups (`way-00`, `way-01`, …), each its own way in: three steps from the
 * Internet to the goal, except `way-<short>`, one step. The level at MUT 1 is as large as
 * `ways`: a test of how a large level is ranked for the witness.
 */
export function singles(ways: number, short: number): Instance {
  const g = new Builder('at:internet');
  for (let w = 0; w < ways; w++) {
    const id = `way-${String(w).padStart(2, '0')}`;
    g.messUp(id, `c:${id}`);
    if (w === short) g.rule(['at:internet', `c:${id}`], 'goal:singles');
    else {
      g.rule(['at:internet', `c:${id}`], `entry:${id}`);
      g.rule([`entry:${id}`], `inside:${id}`);
      g.rule([`inside:${id}`], 'goal:singles');
    }
  }
  return { family: 'singles', objects: ways, graph: g.build(), goal: 'goal:singles', mut: 1 };
}

/**
 * 4. Random Horn: capabilities in `levels` levels, each rule deriving one from a capability
 * of the level below and one to three conditions; a few conditions hold today (fewer as it
 * grows) and each other has a mess-up (cost 1, or 2 for one in four), some rules sharing
 * conditions. The MUT is not known by construction: brute force checks it at small sizes.
 */
export function randomHorn(objects: number, seed = 1): Instance {
  const random = lcg(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const levels = 5;
  const perLevel = Math.max(2, Math.round(objects / (2 * levels)));
  const conditions = Math.max(4, objects);
  // Fewer conditions hold today as the graph grows (one in 20 at 100 objects, one in 200 at
  // 10,000), else chains of rules that need nothing new make large instances trivial.
  const today = Math.max(20, Math.round(2 * Math.sqrt(objects)));
  const g = new Builder('cap:0:0');
  for (let c = 0; c < conditions; c++) {
    if (c % today === 0) g.present(`c:${c}`);
    else g.messUp(`m-${c}`, `c:${c}`, c % 4 === 1 ? 2 : 1);
  }
  const rules = 3 * levels * perLevel;
  for (let r = 0; r < rules; r++) {
    const level = 1 + pick(levels);
    const body = [level === 1 ? 'cap:0:0' : `cap:${level - 1}:${pick(perLevel)}`];
    const extra = 1 + pick(3);
    for (let i = 0; i < extra; i++) body.push(`c:${pick(conditions)}`);
    g.rule(body, `cap:${level}:${pick(perLevel)}`);
  }
  for (let i = 0; i < perLevel; i++) g.rule([`cap:${levels}:${i}`], 'goal:horn');
  return { family: 'random Horn', objects, graph: g.build(), goal: 'goal:horn', mut: undefined };
}

/**
 * 1 as manifests: namespaces hardened in depth (Pod Security `restricted`, no token
 * automounted, a default-deny NetworkPolicy, an internal Service, a service account that may
 * create pods) behind a private API server with anonymous authentication off. The cheapest
 * attack is through the control plane (MUT 3: the endpoint made public, anonymous
 * authentication on, cluster-admin bound to it); every namespace adds its own longer ways in.
 */
export function layeredManifests(objects: number): InputFile[] {
  const namespaces = Math.max(1, Math.round((objects - 2) / 7));
  const docs: string[] = [apiServer];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    docs.push(`apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    pod-security.kubernetes.io/enforce: restricted`);
    docs.push(`apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: ${ns}
automountServiceAccountToken: false`);
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: ${ns}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["create", "get", "list"]`);
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
  namespace: ${ns}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: app
subjects:
  - kind: ServiceAccount
    name: app`);
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      serviceAccountName: app
      containers:
        - name: web
          image: registry.example.com/${ns}/web:1
          ports: [{ containerPort: 8080 }]`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${ns}
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]`);
  }
  const threat = `apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  goals: [cluster-admin]
  cloud:
    metadata: false`;
  return [
    { path: 'cluster.yaml', text: docs.map((d) => `---\n${d}\n`).join('') },
    { path: 'threat-model.yaml', text: threat },
  ];
}

const apiServer = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
  labels:
    component: kube-apiserver
spec:
  hostNetwork: true
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.31.4
      command:
        - kube-apiserver
        - --advertise-address=10.0.0.10
        - --bind-address=10.0.0.10
        - --anonymous-auth=false
        - --authorization-mode=Node,RBAC
        - --enable-admission-plugins=NodeRestriction`;
