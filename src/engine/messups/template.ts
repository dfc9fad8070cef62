import type { Fact } from '../graph/facts';
import type { SourceRef } from '../manifests/locate';
import type { ClusterModel } from '../model/types';
import type { MessUpCategory, Reference } from '../types';

export interface MessUpCandidate {
  /** Names what the mess-up applies to; the id is `<template>:<target>`. */
  target: string;
  /** A sentence a learner reads: "Someone binds cluster-admin to group system:unauthenticated". */
  title: string;
  /** Conditions the mess-up makes true. */
  provides: readonly Fact[];
  /** The lines whose defence it breaks. */
  at?: readonly (SourceRef | undefined)[];
}

export interface MessUpContext {
  model: ClusterModel;
  /** Conditions some technique relies on and which do not hold today. */
  isDefended(condition: Fact): boolean;
  candidate(c: MessUpCandidate): void;
  /** A bookkeeping rule: a mess-up that takes effect only while another condition holds. */
  rule(body: readonly Fact[], head: Fact): void;
}

/** One kind of thing that can go wrong, generated over the objects of the cluster. */
export interface MessUpTemplate {
  id: string;
  category: MessUpCategory;
  title: string;
  description: string;
  references: readonly Reference[];
  generate(ctx: MessUpContext): void;
}
