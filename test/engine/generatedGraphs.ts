// Shared by the tests that build attack graphs by hand or by generator: a mess-up template
// for generated mess-ups, small generated graphs, and forward chaining written apart from the
// engine's closure.

import { named } from '../../src/engine/graph/facts.ts';
import { GraphBuilder, type AttackGraph } from '../../src/engine/graph/graph.ts';
import type { MessUpTemplate } from '../../src/engine/messups/template.ts';

export const generatedMessUp: MessUpTemplate<string> = {
  id: 'test',
  category: 'misconfiguration',
  title: 'A generated mess-up',
  description: 'A mess-up of a generated test graph.',
  references: [],
  generate() {},
  describe: (about) => about,
};

/** A fact of a small generated graph: 0..7 capabilities (0 the start), 8..11 conditions. */
export const smallFact = (i: number) => named(i < 8 ? `cap:${i}` : `c:${i - 8}`);

/** A small generated graph, its facts numbered as `smallFact` numbers them. */
export interface SmallGraph {
  /** Whether each condition (8, 9, …) holds today. */
  present: readonly boolean[];
  /** Bookkeeping rules belong to no technique (they are not steps of an attack). */
  rules: readonly { head: number; body: readonly number[]; bookkeeping?: boolean }[];
  /** What each mess-up (`m-0`, `m-1`, …, cost 1) makes hold. */
  messUps?: readonly (readonly number[])[];
}

/** A builder holding the small graph: the start, the conditions, the rules, the mess-ups. */
export function smallGraph(spec: SmallGraph): GraphBuilder {
  const b = new GraphBuilder();
  b.start(smallFact(0));
  spec.present.forEach((p, c) => b.condition(smallFact(8 + c), p));
  for (const r of spec.rules)
    b.rule(r.bookkeeping ? '' : 'test-step', r.body.map(smallFact), smallFact(r.head));
  (spec.messUps ?? []).forEach((provides, i) =>
    b.messUp(`m-${i}`, generatedMessUp, `m-${i}`, 1, provides.map(smallFact), []),
  );
  return b;
}

/**
 * Forward chaining written independently of the engine's closure: the facts that hold with
 * the mess-ups `set` applied, to a fixpoint.
 */
export function forwardChain(graph: AttackGraph, set: readonly number[]): Uint8Array {
  const holds = new Uint8Array(graph.facts.length);
  for (const f of graph.initial) holds[f] = 1;
  for (const m of set) for (const p of graph.messUps[m]!.provides) holds[p] = 1;
  for (let changed = true; changed;) {
    changed = false;
    for (let r = 0; r < graph.rules.count; r++) {
      const head = graph.rules.head[r]!;
      if (!holds[head] && graph.rules.bodyOf(r).every((b) => holds[b] === 1)) {
        holds[head] = 1;
        changed = true;
      }
    }
  }
  return holds;
}

/** Whether the mess-ups `set` let forward chaining reach fact `goal` (an index). */
export function reachesFact(graph: AttackGraph, goal: number, set: readonly number[]): boolean {
  return forwardChain(graph, set)[goal] === 1;
}
