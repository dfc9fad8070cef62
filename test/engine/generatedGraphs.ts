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

/** What the mess-ups of `set` cost together. */
export const costOf = (graph: AttackGraph, set: readonly number[]) =>
  set.reduce((sum, m) => sum + graph.messUps[m]!.cost, 0);

/**
 * Every minimal set costing at most `limit` that reaches fact `goal`, by forward chaining apart
 * from the engine: subsets in increasing order, a superset of a reaching set never visited
 * (every mess-up costs 1 or more, so the sets have `limit` mess-ups at most).
 */
export function minimalSetsUpTo(graph: AttackGraph, goal: number, limit: number): number[][] {
  const n = graph.messUps.length;
  const reaching = new Set<string>();
  const found: number[][] = [];
  const set: number[] = [];
  const visit = (from: number, cost: number) => {
    if (set.length > 0 && reachesFact(graph, goal, set)) {
      // Supersets reach too, and are not minimal.
      reaching.add(set.join(','));
      found.push([...set]);
      return;
    }
    for (let m = from; m < n; m++) {
      const c = cost + graph.messUps[m]!.cost;
      if (c > limit + 1e-9) continue;
      set.push(m);
      visit(m + 1, c);
      set.pop();
    }
  };
  visit(0, 0);
  // A set is minimal when no set with one mess-up left out reaches. Such a set, were it to
  // reach, was recorded: none of its prefixes reaches, or a prefix of the set would have
  // reached and the set never been visited.
  return found.filter((s) =>
    s.every((m) => s.length === 1 || !reaching.has(s.filter((x) => x !== m).join(','))),
  );
}
