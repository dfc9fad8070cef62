import type { ResourceRequest } from '../authz/rules';
import type { Authorization } from '../graph/authorization';
import type { Fact } from '../graph/facts';
import type { SourceRef } from '../manifests/locate';
import type { ClusterModel, Container, Pod } from '../model/types';
import type { Reference } from '../types';

/** What a technique's rules are written against. */
export interface TechniqueContext {
  model: ClusterModel;
  /**
   * Declares a condition, true today or not, and where it is written when it holds (a
   * finding). Where a defence would be broken is the mess-up templates' to say.
   */
  condition(fact: Fact, present: boolean, at?: SourceRef): Fact;
  /** capabilities + conditions in `body` give `head`; `at` are the lines that enable it. */
  rule(body: readonly Fact[], head: Fact, at?: readonly (SourceRef | undefined)[]): void;
  containers(): Iterable<{ pod: Pod; container: Container }>;
  podsOn(node: string): readonly Pod[];
  podsIn(namespace: string): readonly Pod[];
  /** Namespaces a permission can be held in: every namespace the cluster has. */
  namespaces(): readonly string[];
  /**
   * "The attacker may make this request", as the API server's authorizer would answer for
   * some identity the attacker holds (graph/authorization.ts). Build requests with
   * `request()` from authz/requests.ts.
   */
  can(request: ResourceRequest): Fact;
  authorization: Authorization;
  /**
   * Leaves out the rules `ground` would ground, which can only matter to an attacker holding
   * one of `identities`, if it may: true when it did, and buildGraph grounds the cluster again,
   * with them, if the finished graph lets the attacker hold one of those identities. The facts
   * `ground` names are named all the same, in the same order (the search breaks ties by their
   * numbers): what it names is recorded once per `key` and named again from that record, so
   * `ground` must name the same facts whenever it is given the same key.
   */
  leaveOutUnlessHeld(identities: readonly Fact[], key: object, ground: () => void): boolean;
}

/**
 * One attack technique: metadata a learner reads, references to the standards that
 * name it, and a pure function that grounds its rules over a cluster model.
 */
export interface Technique {
  id: string;
  title: string;
  description: string;
  /** `attack:T1611`, `ms:MS-TA9018`, `kubehound:CE_PRIV_MOUNT`, `pss:baseline/privileged`, `cis:5.2.1` */
  references: readonly Reference[];
  remediation: string;
  rules(ctx: TechniqueContext): void;
}
