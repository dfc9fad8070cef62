import type { AttackGraph } from '../graph/graph';
import { copyOfInt32s, int32s, uint8s } from '../typedArrays';

/**
 * The rules of a graph as flat typed arrays, built once per graph and shared by its goals.
 * The solver walks rules hundreds of thousands of times on a large cluster (relevance,
 * distances, the relaxed plan, every closure step); reading heads and bodies from packed
 * arrays instead of rule objects is what keeps those walks cheap.
 */
export interface FlatRules {
  readonly facts: number;
  readonly head: Int32Array;
  /** Rule r's body is body[bodyStart[r]] .. body[bodyStart[r + 1] - 1]. */
  readonly bodyStart: Int32Array;
  readonly body: Int32Array;
  /** Body sizes, to copy as the closure's "facts still missing" counters. */
  readonly bodySize: Int32Array;
  /** Rules with an empty body, ascending. */
  readonly axioms: Int32Array;
  /** Rules deriving fact f, ascending: byHead[byHeadStart[f]] .. byHead[byHeadStart[f + 1] - 1]. */
  readonly byHeadStart: Int32Array;
  readonly byHead: Int32Array;
  readonly watchers: Watchers;
  /**
   * Each rule's length as an attack step: 0 for bookkeeping rules (no technique), 1 for the
   * others. The attack lengths read it for every rule they walk, where comparing the
   * technique's name was a lookup through two arrays and a string each time.
   */
  readonly steps: Uint8Array;
}

/** For each fact f, the rules whose body holds it, ascending: rules[start[f]] .. rules[start[f + 1] - 1]. */
export interface Watchers {
  readonly start: Int32Array;
  readonly rules: Int32Array;
}

const cache = new WeakMap<AttackGraph, FlatRules>();

export function flatRules(graph: AttackGraph): FlatRules {
  let flat = cache.get(graph);
  if (!flat) {
    flat = build(graph);
    cache.set(graph, flat);
  }
  return flat;
}

function build(graph: AttackGraph): FlatRules {
  const { head, bodyStart, body, count } = graph.rules;
  const facts = graph.facts.length;
  const bodySize = int32s(count);
  const axioms: number[] = [];
  const steps = uint8s(count);
  for (let r = 0; r < count; r++) {
    bodySize[r] = bodyStart[r + 1]! - bodyStart[r]!;
    if (bodySize[r] === 0) axioms.push(r);
    if (graph.rules.techniqueOf(r) !== '') steps[r] = 1;
  }
  const byHead = invert(null, head, facts);
  // Building the graph made them already unless it dropped rules.
  const watchers = graph.rules.watchers ?? invert(bodyStart, body, facts);
  return {
    facts,
    head,
    bodyStart,
    body,
    bodySize,
    axioms: copyOfInt32s(axioms),
    byHeadStart: byHead.start,
    byHead: byHead.rules,
    watchers,
    steps,
  };
}

/**
 * Inverts rule → facts lists (rule r's are facts[start[r]] .. facts[start[r + 1] - 1], or
 * the one fact facts[r] without `start`) into fact → rules lists, each ascending: a
 * counting sort.
 */
function invert(start: Int32Array | null, facts: Int32Array, factCount: number): Watchers {
  const n = facts.length;
  const byFact = int32s(factCount + 1);
  for (let j = 0; j < n; j++) byFact[facts[j]! + 1]!++;
  for (let f = 0; f < factCount; f++) byFact[f + 1]! += byFact[f]!;
  // Where each fact's next rule goes: its list's start, then one further per rule placed.
  const fill = copyOfInt32s(byFact.subarray(0, factCount));
  const rules = int32s(n);
  if (start === null) for (let r = 0; r < n; r++) rules[fill[facts[r]!]!++] = r;
  else
    for (let r = 0, j = 0; r + 1 < start.length; r++)
      for (const end = start[r + 1]!; j < end; j++) rules[fill[facts[j]!]!++] = r;
  return { start: byFact, rules };
}
