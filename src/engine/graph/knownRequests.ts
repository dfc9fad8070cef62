// The requests techniques ask the authorizer about, each kept for the process as one object:
// the request itself, its facts, and what the bootstrap policy's index answers for it. The
// same few thousand requests come back in every analysis of a cluster (and after each edit),
// so nothing about a request is worked out twice.
//
// Found by its parts, not by its key: a key is a string built anew for each question, and a
// map hashes and compares a new string character by character (a few hundred nanoseconds
// per lookup, thousands of lookups per analysis), where the parts are strings the model or
// the technique already holds, their hashes already known.

import type { Grant, SharedAnswer } from '../authz/authorizer';
import type { ResourceRequest } from '../authz/rules';
import type { Fact, RequestFacts } from './facts';

/**
 * One request, as the index takes it (`Request`), as the bootstrap policy's index answered it
 * (`SharedAnswer`: `index`, `grants`) and with what a grounding worked out: one object where
 * there were five (the request, its answer, its facts' memo and that memo's list), and no key
 * kept (`requestKey` builds it when the fact is first named). A dump of 90,000 objects asks
 * about a quarter of a million requests.
 */
export class KnownRequest implements SharedAnswer, RequestFacts {
  readonly resourceRequest = true as const;
  /** The index that answered `grants`, for the bootstrap policy (authz/authorizer.ts). */
  index: SharedAnswer['index'] = undefined;
  grants: readonly Grant[] = noGrants;
  /** The graph's facts for it, under fact table `table` (graph/facts.ts, `requestFact`). */
  table = -1;
  can: Fact | undefined = undefined;
  scopeAdmin: Fact | undefined = undefined;
  /**
   * What grounding number `owner` (graph/authorization.ts) worked out for the request: its
   * fact once asked, the grants while a technique looked at them first. Kept here rather than
   * in maps of the grounding: thousands of requests, each looked up several times.
   */
  owner = 0;
  asked: Fact | undefined = undefined;
  looked: readonly Grant[] | undefined = undefined;
  /**
   * The requests with the same parts but another name. Most are asked with one name only
   * (none, or a pod's): a map per namespace and kind of request was a fifth of what a
   * dump's grounding kept.
   */
  others: Map<string, KnownRequest> | undefined = undefined;

  constructor(
    readonly verb: string,
    readonly apiGroup: string,
    readonly resource: string,
    readonly subresource: string,
    readonly namespace: string,
    readonly name: string,
  ) {}
}

type Level = Map<string, unknown>;

const noGrants: readonly Grant[] = Object.freeze([]);

/**
 * By verb, API group, resource, subresource, namespace, then name: the few kinds of request
 * first, shared by every namespace and object, so a new request adds at most an entry per
 * namespace and one per name. By namespace and name first, each object a technique asked
 * about had four maps of its own: 15 of the 177 MB a 27,000-object dump's grounding kept.
 */
let root: Level = new Map();
let size = 0;
/** Numbers the tables: a request (and its fact) of an earlier one is not this table's. */
let tables = 0;
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
  tables++;
}

/**
 * The table's number. A request's fact is the request's own (graph/facts.ts, `requestFact`):
 * facts recorded under an earlier table are not those a request of this one names.
 */
export function knownRequestTable(): number {
  return tables;
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
  const byNamespace = child(
    child(child(child(root, r.verb), r.apiGroup), r.resource),
    r.subresource,
  );
  // The first request of a namespace sits in its entry; those with other names, in its map.
  const first = byNamespace.get(r.namespace) as KnownRequest | undefined;
  if (first !== undefined && first.name === r.name) return first;
  let known = first?.others?.get(r.name);
  if (known !== undefined) return known;
  known = new KnownRequest(r.verb, r.apiGroup, r.resource, r.subresource, r.namespace, r.name);
  if (first === undefined) byNamespace.set(r.namespace, known);
  else (first.others ??= new Map()).set(r.name, known);
  size++;
  return known;
}
