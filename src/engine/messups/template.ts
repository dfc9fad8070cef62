import type { Fact } from '../graph/facts';
import type { SourceRef } from '../manifests/locate';
import type { ClusterModel } from '../model/types';
import type { MessUpCategory, Reference } from '../types';

export interface MessUpCandidate<About> {
  /** Names what the mess-up applies to; the id is `<template>:<target>`. */
  target: string;
  /**
   * What the sentence speaks of (a pod, a node's name...), given to the template's `describe`.
   * A large cluster has thousands of candidates and a learner reads a handful: a sentence is
   * written only when a mess-up is shown.
   */
  about: About;
  /** Conditions the mess-up makes true. */
  provides: readonly Fact[];
  /** The lines whose defence it breaks. */
  at?: readonly (SourceRef | undefined)[];
}

// Both interfaces below declare methods, not function properties: method parameters are
// compared both ways, so a template about pods is also a `MessUpTemplate<unknown>` and the
// catalogue can list every template in one array.
export interface MessUpContext<About> {
  model: ClusterModel;
  /** Conditions some technique relies on and which do not hold today. */
  isDefended(condition: Fact): boolean;
  candidate(c: MessUpCandidate<About>): void;
  /** A bookkeeping rule: a mess-up that takes effect only while another condition holds. */
  rule(body: readonly Fact[], head: Fact): void;
}

/** One kind of thing that can go wrong, generated over the objects of the cluster. */
export interface MessUpTemplate<About = unknown> {
  id: string;
  category: MessUpCategory;
  title: string;
  description: string;
  references: readonly Reference[];
  generate(ctx: MessUpContext<About>): void;
  /** The sentence a learner reads: "Someone binds cluster-admin to group system:unauthenticated". */
  describe(about: About): string;
}
