// The authorizer inside the attack graph. Techniques ask "may the attacker make this
// request?" (`can`); the answer is a fact, derived from every binding whose rules allow the
// request, for an identity the attacker would have to hold. Requests are grounded when a
// technique first asks, so a cluster's graph holds only the rights some technique uses.

import { isFullRights, type Request, type ResourceRequest } from '../authz/rules';
import { bindingGrantsAny, RbacIndex, type Grant, type GrantsApart } from '../authz/authorizer';
import type { RbacBinding, RbacRole } from '../authz/rbacModel';
import type { ClusterModel } from '../model/types';
import {
  fact,
  requestFact,
  requestScopeAdmin,
  subjectBound,
  subjectIdentity,
  type Fact,
} from './facts';
import { knownRequest, limitKnownRequests, type KnownRequest } from './knownRequests';
import type { GraphBuilder, Naming } from './graph';
import type { SourceRef } from '../manifests/locate';

const roleWrites = ['escalate', 'update', 'patch'];
const none: readonly never[] = [];

/** Numbers each grounding's authorization: a request's memo from another is stale. */
let groundings = 0;

export class Authorization {
  private readonly run = ++groundings;
  private bindables = new Map<string, Fact>();
  /** While `record` runs: the requests asked during it (their memo of the grounding untouched). */
  private recorded: Map<KnownRequest, Fact> | undefined;
  private roleIndex: RbacIndex | undefined;
  /** Whether some binding grants `bind`, `escalate` or `impersonate` short of full rights. */
  readonly mayBind: boolean;
  readonly mayEscalate: boolean;
  readonly mayImpersonate: boolean;

  /**
   * `unheld`: where to note the identities of built-in bindings (users and service accounts:
   * the control plane's own) whose grants were left out, or undefined to ground them all.
   */
  constructor(
    private readonly b: GraphBuilder,
    private readonly model: ClusterModel,
    private readonly unheld?: Set<Fact>,
  ) {
    limitKnownRequests();
    const index = model.rbac.index;
    this.mayBind = index.grantsAny(['bind'], ['roles', 'clusterroles']);
    this.mayEscalate = index.grantsAny(['escalate'], ['roles', 'clusterroles']);
    this.mayImpersonate = index.grantsAny(['impersonate'], ['users', 'groups', 'serviceaccounts']);
    if (unheld !== undefined && !this.mayImpersonate) {
      this.credentialed = new Set(model.threat.credentials.map((c) => c.subject));
      this.credentialed.add('user:system:anonymous');
    }
  }

  /**
   * The users of the input's bindings left out like the control plane's accounts (when they
   * are: `unheld` given, nobody may impersonate) are those no credential of the threat model
   * names: most clusters' users have none, and nothing else makes the attacker one of them
   * unless a secret holds their kubeconfig (the graph is then grounded again with them).
   * Anonymous access is a switch a mess-up turns on: never left out.
   */
  private readonly credentialed: Set<string> | undefined;

  /** Whether the grants of subject `key` of `binding` are left out while no attack holds it. */
  private leftOut(binding: RbacBinding, key: string): boolean {
    if (binding.builtin) return !key.startsWith('group:');
    const credentialed = this.credentialed;
    return credentialed !== undefined && key.startsWith('user:') && !credentialed.has(key);
  }

  private ownRoleWrites: boolean | undefined;

  /**
   * Whether some binding of the input (not of the bootstrap policy) grants writing roles
   * (`escalate`, `update`, `patch`), or some binding grants `bind`: then any role's rules may
   * be someone's to rewrite, the built-in ones included.
   */
  get roleWritesGranted(): boolean {
    return (this.ownRoleWrites ??=
      this.mayBind ||
      this.model.rbac.bindings.some(
        (b) => !b.builtin && bindingGrantsAny(b, roleWrites, ['roles', 'clusterroles']),
      ));
  }

  /** RBAC is one of the API server's authorizers (it is unless the flags say otherwise). */
  private get rbacOn(): boolean {
    return this.model.apiServer.rbacEnabled.value;
  }

  /**
   * Every RBAC grant that allows the request, asked of the index once per request: a
   * technique that looks at the grants before asking `can` shares the answer.
   */
  grants(request: ResourceRequest): readonly Grant[] {
    return this.grantsOf(knownRequest(request));
  }

  private grantsOf(known: KnownRequest): readonly Grant[] {
    this.own(known);
    let found = known.looked;
    if (found === undefined) found = known.looked = this.model.rbac.index.grantsFor(known, known);
    return found;
  }

  /** Makes the request's memo this grounding's, dropping an earlier grounding's answers. */
  private own(known: KnownRequest): void {
    if (known.owner === this.run) return;
    known.owner = this.run;
    known.asked = undefined;
    known.looked = undefined;
  }

  /**
   * `b.record(ground)`, asking requests afresh and leaving nothing asked. A request asked only
   * while recording had its rules named but not grounded: a technique asking it later in the
   * same grounding was answered from that memo, without them, while a grounding that replays
   * the record grounds them. And a request asked before the record named nothing in it, though
   * the record is replayed in groundings where nothing asked it before.
   */
  record(ground: () => void): readonly Naming[] {
    const bindables = this.bindables;
    this.recorded = new Map();
    this.bindables = new Map();
    try {
      return this.b.record(ground);
    } finally {
      this.recorded = undefined;
      this.bindables = bindables;
    }
  }

  /** The fact "the attacker may make this request", with the rules that derive it. */
  can(request: ResourceRequest): Fact {
    const known = knownRequest(request);
    this.own(known);
    const recorded = this.recorded;
    let f = recorded === undefined ? known.asked : recorded.get(known);
    if (f) return f;
    f = requestFact(known);
    if (recorded === undefined) known.asked = f;
    else recorded.set(known, f);
    const b = this.b;
    // Full rights where the request is made: a namespace's, or the whole cluster's.
    b.rule('', [requestScopeAdmin(known)], f);
    if (!this.rbacOn) return f;
    // Grants a technique looked at first (`grants`) are used, not asked again, then dropped:
    // from here on the fact answers for the request.
    const looked = known.looked;
    known.looked = undefined;
    if (looked !== undefined) this.allGrantRules(looked, f);
    else {
      // The bootstrap policy's grants, then the input's: as `grants` lists them, unjoined.
      const apart = this.apart;
      this.model.rbac.index.grantsApart(known, known, apart);
      const { base, own } = apart;
      this.allGrantRules(base, f);
      this.allGrantRules(own, f);
    }
    if (this.mayBind) {
      // Rights one could bind to oneself: every role whose rules allow the request.
      for (const g of this.rolesAllowing(known)) {
        const role = g.binding.role!;
        if (g.full) continue;
        if (role.kind === 'ClusterRole') {
          b.rule('', [this.bindable(role, '*')], f);
          if (request.namespace) b.rule('', [this.bindable(role, request.namespace)], f);
        } else b.rule('', [this.bindable(role, role.namespace)], f);
      }
    }
    return f;
  }

  private readonly apart: GrantsApart = { base: none, own: none };

  /** The rules of every grant short of full rights (those hold through full rights). */
  private allGrantRules(grants: readonly Grant[], head: Fact): void {
    // By index: the lists are of two kinds (the frozen empty answer among them), and `for of`
    // over both made an iteration object per grant (6 of the 54 MB a grounding of the layered
    // manifests of 10,000 objects allocated).
    for (let i = 0; i < grants.length; i++) {
      const g = grants[i]!;
      if (!g.full) this.grantRules(g, head);
    }
  }

  /** An identity named by a binding holds its rules: one rule per subject. */
  private grantRules(g: Grant, head: Fact): void {
    const { binding } = g;
    const { b, unheld } = this;
    const subjects = binding.subjects;
    for (let i = 0; i < subjects.length; i++) {
      const s = subjects[i]!;
      const identity = subjectIdentity(binding.facts, i, s.key);
      const bound = this.bound(binding, i);
      // The bootstrap policy grants the controllers' accounts a few hundred rights, and on a
      // large cluster each again per namespace: tens of thousands of rules, of which the
      // graph keeps none when no attack can become those accounts (buildGraph checks, and
      // grounds them after all when one can). Their facts are named all the same, in the
      // same order: the search breaks ties by fact numbers.
      // Users of the input no credential names are left out the same way (`leftOut`).
      if (unheld !== undefined && this.leftOut(binding, s.key)) {
        b.id(fact.apiReach);
        b.id(identity);
        b.id(bound);
        b.id(head);
        unheld.add(identity);
        continue;
      }
      b.rule(
        'rbac-permissions',
        [fact.apiReach, identity, bound],
        head,
        binding.builtin ? none : [s.at, g.rule.at],
      );
    }
  }

  /** "Subject i of the binding is bound": true today, a finding at the subject's line. */
  bound(binding: RbacBinding, i: number): Fact {
    return this.b.condition(
      subjectBound(binding.facts, i, binding.id),
      true,
      binding.builtin ? undefined : binding.subjects[i]!.at,
    );
  }

  /**
   * The attacker binds `role` to an identity it holds: a RoleBinding in namespace `scope`,
   * or a ClusterRoleBinding (`*`). The API server lets a user create one only with `bind` on
   * that role (or when the user already holds every rule of it, which gains nothing): upstream
   * pkg/registry/rbac/rolebinding/policybased/storage.go, BindingAuthorized in
   * pkg/registry/rbac/escalation_check.go.
   */
  bindable(role: RbacRole, scope: string): Fact {
    const key = `${role.kind}:${role.namespace}/${role.name}@${scope}`;
    let f = this.bindables.get(key);
    if (f) return f;
    f = fact.bindable(key);
    this.bindables.set(key, f);
    const resource = role.kind === 'Role' ? 'roles' : 'clusterroles';
    const group = 'rbac.authorization.k8s.io';
    const where = scope === '*' ? '' : scope;
    const bind = this.can({
      verb: 'bind',
      apiGroup: group,
      resource,
      subresource: '',
      namespace: where,
      name: role.name,
    });
    const bindings = scope === '*' ? 'clusterrolebindings' : 'rolebindings';
    const create = this.can({
      verb: 'create',
      apiGroup: group,
      resource: bindings,
      subresource: '',
      namespace: where,
      name: '',
    });
    const at: SourceRef[] = role.builtin ? [] : [{ object: role.object, path: [] }];
    this.b.rule('rbac-bind', [create, bind], f, at);
    if (role.rules.some(isFullRights)) this.b.rule('', [f], fact.perm('admin', scope));
    return f;
  }

  /** Roles (as bindings without subjects) whose rules allow the request in its namespace. */
  private rolesAllowing(request: Request): readonly Grant[] {
    if (!this.roleIndex) {
      const pseudo: RbacBinding[] = [];
      for (const role of this.model.rbac.roles.values()) {
        pseudo.push({
          kind: role.kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding',
          namespace: role.namespace,
          name: role.name,
          id: `${role.kind} ${role.name}`,
          roleRef: { kind: role.kind, name: role.name },
          role,
          subjects: [],
          object: role.object,
          builtin: role.builtin,
          facts: { table: -1, entries: [] },
        });
      }
      this.roleIndex = new RbacIndex(pseudo);
    }
    return this.roleIndex.grantsFor(request);
  }
}
