// The requests techniques ask the authorizer about, each kept for the process as one object:
// its key in the graph, its fact, and what the bootstrap policy's index answers for it. The
// same few thousand requests come back in every analysis of a cluster (and after each edit),
// so nothing about a request is worked out twice.
//
// Found by its parts, not by its key: a key is a string built anew for each question, and a
// map hashes and compares a new string character by character (a few hundred nanoseconds
// per lookup, thousands of lookups per analysis), where the parts are strings the model or
// the technique already holds, their hashes already known.

import type { Grant, SharedAnswer } from '../authz/authorizer';
import { requestKey } from '../authz/requests';
import type { Request, ResourceRequest } from '../authz/rules';
import type { GroundingMemo } from '../model/types';
import type { Fact } from './facts';

export interface KnownRequest {
  /** `<namespace or *>:<verb>:<group>:<resource[/sub]>:<name>` (authz/requests.ts). */
  readonly key: string;
  /** The request as the index takes it. */
  readonly request: Request & ResourceRequest;
  /** The graph's facts for it (see graph/facts.ts, `requestFacts`). */
  readonly facts: GroundingMemo;
  /** The answer of the bootstrap policy's index, which never changes. */
  readonly shared: SharedAnswer;
  /**
   * What grounding number `owner` (graph/authorization.ts) worked out for the request: its
   * fact once asked, the grants while a technique looked at them first. Kept here rather than
   * in maps of the grounding: thousands of requests, each looked up several times.
   */
  owner: number;
  asked: Fact | undefined;
  grants: readonly Grant[] | undefined;
}

type Level = Map<string, unknown>;

const noGrants: readonly Grant[] = Object.freeze([]);

/**
 * By verb, API group, resource, subresource, namespace, then name: the few kinds of request
 * first, shared by every namespace and object, so a new request adds at most a map per
 * namespace and an entry per name. By namespace and name first, each object a technique asked
 * about had four maps of its own: 15 of the 177 MB a 27,000-object dump's grounding kept.
 */
let root: Level = new Map();
let size = 0;
export const knownRequestLimits = {
  /** Requests kept across analyses, at most: beyond, the table is dropped between groundings. */
  maxKnown: 100_000,
};

/**
 * Bounds the table over a long session, whose edits name new objects and namespaces. Called
 * before a grounding starts and after it ends, never during one: a request forgotten
 * mid-grounding came back as a new object, its fact unasked, so its rules were grounded a
 * second time (a dump of 50,000 objects asks some 140,000 requests). After a grounding that
 * outgrew the bound, nothing is kept: the search that follows needs none of it, and a dump's
 * quarter of a million requests stayed alive through it.
 */
export function limitKnownRequests(): void {
  if (size < knownRequestLimits.maxKnown) return;
  root = new Map();
  size = 0;
}

/** How many requests are kept (for tests). */
export function knownRequestCount(): number {
  return size;
}

function child(level: Level, part: string): Level {
  let next = level.get(part) as Level | undefined;
  if (next === undefined) level.set(part, (next = new Map()));
  return next;
}

/** The one object for the request `r` names. */
export function knownRequest(r: ResourceRequest): KnownRequest {
  const byName = child(
    child(child(child(child(root, r.verb), r.apiGroup), r.resource), r.subresource),
    r.namespace,
  );
  let known = byName.get(r.name) as KnownRequest | undefined;
  if (known !== undefined) return known;
  const request = {
    resourceRequest: true as const,
    verb: r.verb,
    apiGroup: r.apiGroup,
    resource: r.resource,
    subresource: r.subresource,
    namespace: r.namespace,
    name: r.name,
  };
  known = {
    key: requestKey(request),
    request,
    // Room for its two facts (graph/facts.ts, `requestFact` and `requestScopeAdmin`) and no
    // more: a quarter of a million requests on a dump of 90,000 objects.
    facts: { table: -1, entries: [undefined, undefined] },
    shared: { index: undefined, grants: noGrants },
    owner: 0,
    asked: undefined,
    grants: undefined,
  };
  byName.set(r.name, known);
  size++;
  return known;
}
