import { messUpTemplates } from '../messups';
import type { MessUpContext } from '../messups/template';
import type { Ability, ClusterModel, Container, Pod } from '../model/types';
import { techniques } from '../techniques';
import type { TechniqueContext } from '../techniques/technique';
import { admissionGuard } from './admission';
import { Authorization } from './authorization';
import { fact, factTable, subjectIdentity, wider, type Fact } from './facts';
import { GraphBuilder, present, type AttackGraph, type Naming } from './graph';
import { knownRequestTable, limitKnownRequests } from './knownRequests';
import { couldHoldWithout } from './possible';

/**
 * Grounds every technique and mess-up template over the model. Techniques come first:
 * they declare which conditions matter and whether they hold, so templates generate
 * mess-ups only for conditions that are defended today.
 */
export function buildGraph(
  model: ClusterModel,
  goals: readonly string[],
  start: string,
  /** false: the control plane's accounts' grants grounded from the start (tests compare). */
  leaveOutUnheld = true,
): AttackGraph {
  // Techniques may leave out rules that lead anywhere only for an attacker holding some
  // identity (the built-in roles' escalation, through the aggregation controller's account):
  // most clusters never let the attacker hold it short of full rights cluster-wide, which
  // those rules could only give again, and they were most of a small cluster's graph. When
  // the finished graph does let it, everything is grounded again.
  const leftOut: Fact[] = [];
  // The grants of the bootstrap policy to the control plane's own accounts are left out too
  // (graph/authorization.ts): the finished graph would drop them all, unless some attack can
  // become one of those accounts, and then it is grounded again with them. Unlike the rules
  // above, these are left out only while no mess-up could make them fire: the graph is the
  // same either way.
  const unheld = leaveOutUnheld ? new Set<Fact>() : undefined;
  let [graph, built] = groundOnce(model, goals, start, leftOut, unheld);
  if (unheld && built.couldHold(unheld)) {
    leftOut.length = 0;
    [graph, built] = groundOnce(model, goals, start, leftOut, undefined);
  }
  // An identity that can never hold cannot hold short of full rights either: the pass that
  // dropped the never-firing rules answers the common case without another one.
  if (
    leftOut.length === 0 ||
    !built.couldHold(leftOut) ||
    !couldHoldWithout(graph, leftOut, fact.perm('admin', '*'))
  )
    return graph;
  return groundOnce(model, goals, start, undefined, undefined)[0];
}

/**
 * What the groundings left out named, by the key a technique gave (a built-in role: the same
 * object for every analysis), as recorded under a fact table and a table of requests (whose
 * facts are the requests' own), and with RBAC on or off.
 */
const namings = new WeakMap<
  object,
  { rbacOn: boolean; table: number; requests: number; naming: readonly Naming[] }
>();

/**
 * `leftOut`: where techniques note the identities whose rules they left out; none may be.
 * `unheld`: where the authorizer notes the built-in accounts whose grants it left out; none may be.
 * The builder answers, after, which facts could hold at all.
 */
function groundOnce(
  model: ClusterModel,
  goals: readonly string[],
  start: string,
  leftOut: Fact[] | undefined,
  unheld: Set<Fact> | undefined,
): [AttackGraph, GraphBuilder] {
  const b = new GraphBuilder();
  const podsByNode = groupBy(model.pods, (p) => p.node);
  const podsByNamespace = groupBy(model.pods, (p) => p.namespace);
  const namespaces = [...model.namespaces.keys()].sort();
  // Every technique walks the containers: list them once. The control plane's static pods
  // are not among them: their host network, host paths and privileges are how the control
  // plane runs, not doors to report, and what their containers hold is control-plane-pods'.
  // They are reached as pods (podsIn, podsOn): by exec, ephemeral containers, the kubelet.
  const containers: { pod: Pod; container: Container }[] = [];
  for (const pod of model.pods)
    if (!pod.component) for (const container of pod.containers) containers.push({ pod, container });

  startPosition(b, model, start);
  const authorization = new Authorization(b, model, unheld);

  // One context for all techniques; only the technique its rules are filed under changes.
  let technique = '';
  // Rules naming a refused pod's facts also need the pod admitted (graph/admission.ts).
  const guard = admissionGuard(model, (c) => b.condition(c, false));
  const ctx: TechniqueContext = {
    model,
    condition: (key, present, at) => b.condition(key, present, at),
    rule: (body, head, at) => b.rule(technique, body, head, at, true),
    containers: () => containers,
    podsOn: (node) => podsByNode.get(node) ?? [],
    podsIn: (ns) => podsByNamespace.get(ns) ?? [],
    namespaces: () => namespaces,
    can: (request) => authorization.can(request),
    authorization,
    leaveOutUnlessHeld: (identities, key, ground) => {
      if (!leftOut) return false;
      for (const f of identities) leftOut.push(f);
      const rbacOn = model.apiServer.rbacEnabled.value;
      const table = factTable();
      const requests = knownRequestTable();
      const known = namings.get(key);
      if (known && known.rbacOn === rbacOn && known.table === table && known.requests === requests)
        b.replay(known.naming);
      else namings.set(key, { rbacOn, table, requests, naming: authorization.record(ground) });
      return true;
    },
  };
  for (const t of techniques) {
    technique = t.id;
    t.rules(ctx);
  }
  // Every request is asked by now (mess-up templates ask none).
  limitKnownRequests();

  if (unheld) {
    // The same accounts, named by other techniques' rules (those a built-in role's rewriting
    // gives them, left out or not): their groups lead nowhere either while nobody holds them.
    for (const binding of model.rbac.bindings)
      if (binding.builtin)
        binding.subjects.forEach((s, i) => {
          const identity = subjectIdentity(binding.facts, i, s.key);
          if (b.has(identity) && !s.key.startsWith('group:')) unheld.add(identity);
        });
  }
  identityRules(b, unheld);
  scopeRules(b);
  goalRules(b, model, goals);

  let template = messUpTemplates[0]!;
  // A template may name a target twice (a Deployment and a StatefulSet of one name): one
  // mess-up. By target within the template, not by the id: template ids hold no colon, so ids
  // differ across templates, and the target is a shorter string to hash than the id (a
  // Set of ids was a tenth of grounding's time at 9,000 objects).
  let targets = new Set<string>();
  const messUps: MessUpContext<unknown> = {
    model,
    isDefended: (f) => b.has(f) && !b.holds(f),
    candidate: (c) => {
      const id = `${template.id}:${c.target}`;
      const { costs } = model.threat;
      // Most clusters override no cost: no lookup (and no hashing of the id) per candidate.
      const override = costs.size === 0 ? undefined : (costs.get(id) ?? costs.get(template.id));
      if (override === 'forbidden') return;
      const cost = override ?? 1;
      if (cost === 0) {
        // A free mess-up has, for the analysis, already happened.
        for (const p of c.provides) b.condition(p, true);
        return;
      }
      if (targets.has(c.target)) return;
      targets.add(c.target);
      b.messUp(id, template, c.about, cost, c.provides, present(c.at));
    },
    rule: (body, head) => b.rule('', body, head),
  };
  for (const t of messUpTemplates) {
    template = t;
    targets = new Set();
    t.generate(messUps);
  }
  return [b.build(guard), b];
}

function startPosition(b: GraphBuilder, model: ClusterModel, start: string): void {
  b.start(fact.at('internet'));
  if (start === 'corporate-network') b.start(fact.at('corp'));
  if (start.startsWith('pod:')) {
    const [ns, name] = start.slice(4).split('/');
    for (const pod of model.pods) {
      if (pod.namespace === ns && pod.name === name)
        for (const c of pod.containers) b.start(fact.exec(pod, c));
    }
  }
}

/**
 * Who else a holder of an identity is: its groups, as the authenticator adds them. The
 * accounts whose grants the authorizer left out (`unheld`) get their groups named, in order,
 * but no rules: those would be dropped with the rest (see buildGraph).
 */
function identityRules(b: GraphBuilder, unheld: ReadonlySet<Fact> | undefined): void {
  // The facts named so far: groups first named below are in no binding, so lead nowhere.
  const { handles, identities } = b;
  const count = identities.length;
  for (let i = 0; i < count; i++) {
    const f = handles[identities[i]!]!;
    if (f === fact.authenticated) continue;
    const groups = wider(f, groupsOf);
    if (unheld !== undefined && unheld.has(f)) for (const group of groups) b.id(group);
    else for (const group of groups) b.rule('', [f], group);
  }
}

/** The groups an identity (an `as:` fact) is in, then being authenticated at all. */
function groupsOf(f: Fact): Fact[] {
  const subject = f.key.slice(3);
  const groups: Fact[] = [];
  if (subject.startsWith('user:system:node:'))
    groups.push(fact.group('system:nodes'), fact.group('system:authenticated'));
  else if (subject.startsWith('user:') && subject !== 'user:system:anonymous')
    groups.push(fact.group('system:authenticated'));
  else if (subject.startsWith('sa:')) {
    const ns = subject.split(':')[1] ?? '';
    groups.push(
      fact.group('system:serviceaccounts'),
      fact.group(`system:serviceaccounts:${ns}`),
      fact.group('system:authenticated'),
    );
  }
  groups.push(fact.authenticated);
  return groups;
}

/**
 * Rights held cluster-wide hold in every namespace; full rights include every right. Full
 * cluster-wide rights reach a right in a namespace through full rights there, so that
 * rule is not written out: the loop also widens the facts it adds.
 */
function scopeRules(b: GraphBuilder): void {
  const { handles, rights } = b;
  for (let i = 0; i < rights.length; i++) {
    const f = handles[rights[i]!]!;
    for (const right of wider(f, widerRights)) b.rule('', [right], f);
  }
}

/** The rights that include a right (a `perm:` fact): the same cluster-wide, full rights. */
function widerRights(f: Fact): Fact[] {
  const key = f.key;
  const cut = key.indexOf(':', 5);
  const ability = key.slice(5, cut) as Ability;
  const scope = key.slice(cut + 1);
  const rights: Fact[] = [];
  if (scope !== '*') rights.push(fact.perm(ability, '*'));
  if (ability !== 'admin') rights.push(fact.perm('admin', scope));
  return rights;
}

function goalRules(b: GraphBuilder, model: ClusterModel, goals: readonly string[]): void {
  for (const goal of goals) {
    const head = fact.goal(goal);
    if (goal === 'node-root') for (const node of model.nodes) b.rule('', [fact.root(node)], head);
    if (goal.startsWith('secret:')) b.rule('', [fact.secret(goal.slice(7))], head);
    if (goal.startsWith('exec:')) {
      const [ns, name] = goal.slice(5).split('/');
      for (const pod of model.pods)
        if (pod.namespace === ns && pod.name === name)
          for (const c of pod.containers) b.rule('', [fact.exec(pod, c)], head);
    }
  }
}

function groupBy(pods: readonly Pod[], key: (p: Pod) => string): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of pods) {
    const k = key(p);
    const list = out.get(k) ?? [];
    list.push(p);
    out.set(k, list);
  }
  return out;
}
