// The authorizer's table of requests (graph/knownRequests.ts) is bounded over a long session.
// A large dump asks more requests in one grounding than the bound: forgetting them then, in
// the middle of the grounding, grounded the rules of every request asked again a second time.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InputFile } from '../../src/engine/types.ts';
import { generateCluster } from '../../bench/synthetic.ts';

// Large enough to ask over a thousand requests in one grounding.
const files = generateCluster(400, 2);

/** A new copy of the engine's modules: no request known from an earlier grounding. */
async function freshEngine(maxKnown?: number) {
  vi.resetModules();
  const [
    { buildGraph },
    { knownRequestLimits, knownRequestCount },
    { readObjects },
    { parseFiles },
    { buildModel },
    { analyze },
  ] = await Promise.all([
    import('../../src/engine/graph/buildGraph.ts'),
    import('../../src/engine/graph/knownRequests.ts'),
    import('../../src/engine/manifests/objects.ts'),
    import('../../src/engine/manifests/parseFiles.ts'),
    import('../../src/engine/model/buildModel.ts'),
    import('../../src/engine/index.ts'),
  ]);
  if (maxKnown !== undefined) knownRequestLimits.maxKnown = maxKnown;
  const graphOf = (input: readonly InputFile[]) => {
    const { model } = buildModel(readObjects(parseFiles(input).documents).objects);
    return buildGraph(
      model,
      model.threat.goals.map((g) => g.id),
      model.threat.start,
    );
  };
  /** Every rule of the graph as a sentence, in the order grounded. */
  const rules = (input: readonly InputFile[]) => {
    const graph = graphOf(input);
    const out: string[] = [];
    for (let r = 0; r < graph.rules.count; r++) {
      const body = [...graph.rules.bodyOf(r)].map((f) => graph.facts[f]);
      out.push(`${body.join(' & ')} -> ${graph.facts[graph.rules.head[r]!]}`);
    }
    return out;
  };
  const answer = (input: readonly InputFile[]) => {
    const { stats, ...rest } = analyze(input);
    const { parseMs: _p, modelMs: _m, graphMs: _g, solveMs: _s, ...counts } = stats;
    return { ...rest, stats: counts };
  };
  return { graphOf, rules, answer, kept: knownRequestCount };
}

describe('the bound on requests kept across analyses', () => {
  afterEach(() => vi.resetModules());

  it('a grounding asking more requests than the bound grounds each request once', async () => {
    const expected = (await freshEngine()).rules(files);
    // Far fewer than the cluster's requests: the bound is passed many times in one grounding.
    const rules = (await freshEngine(50)).rules(files);
    expect(rules.length).toBe(expected.length);
    expect(rules).toEqual(expected);
  });

  it('forgetting the requests between analyses changes no answer', async () => {
    const expected = (await freshEngine()).answer(files);
    const engine = await freshEngine(1);
    for (let i = 0; i < 3; i++) expect(engine.answer(files)).toEqual(expected);
  });

  it('forgetting the requests between groundings names each fact once', async () => {
    const expected = (await freshEngine()).graphOf(files).facts;
    const engine = await freshEngine(1);
    for (let i = 0; i < 3; i++) {
      // A request's fact is its own: what a left-out grounding recorded (the built-in roles'
      // rewriting) names the facts of the requests of its table, not those of the next one.
      const facts = engine.graphOf(files).facts;
      expect(new Set(facts).size).toBe(facts.length);
      expect(facts).toEqual(expected);
    }
  });

  it('a grounding that outgrew the bound keeps none of its requests for the search', async () => {
    const within = await freshEngine();
    within.rules(files);
    // Under the bound the requests stay for the next analysis (a learner's edit asks them again).
    const asked = within.kept();
    expect(asked).toBeGreaterThan(1000);
    const beyond = await freshEngine(asked - 1);
    beyond.rules(files);
    expect(beyond.kept()).toBe(0);
  });
});
