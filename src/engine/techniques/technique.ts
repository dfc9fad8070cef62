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
   * Whether rules that can only matter to an attacker holding one of `identities` may be left
   * out: true when they are, in which case buildGraph grounds the cluster again, with them,
   * if the finished graph lets the attacker hold one of those identities.
   */
  leaveOutUnlessHeld(identities: readonly Fact[]): boolean;
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
