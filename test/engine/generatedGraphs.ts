// Shared by the tests that build attack graphs by hand or by generator: a mess-up template
// for generated mess-ups, and forward chaining written apart from the engine's closure.

import type { AttackGraph } from '../../src/engine/graph/graph.ts';
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
