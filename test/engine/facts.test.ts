// Facts are objects kept across analyses, and each grounding writes its ids onto them. These
// tests pin down that neither shows through: an old graph still answers for its own facts,
// and forgetting every fact between analyses (the table is bounded) changes no answer.

import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/engine/graph/buildGraph.ts';
import { fact, factLimits } from '../../src/engine/graph/facts.ts';
import { analyze } from '../../src/engine/index.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { clearParseCache, parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import { generateCluster } from '../../bench/synthetic.ts';

const files = generateCluster(60);
const withoutStats = ({ stats: _, ...rest }: ReturnType<typeof analyze>) => rest;

function grounded(cluster = files) {
  const { model } = buildModel(readObjects(parseFiles(cluster).documents).objects);
  return buildGraph(
    model,
    model.threat.goals.map((g) => g.id),
    model.threat.start,
  );
}

describe('facts kept across analyses', () => {
  const defaultMax = factLimits.maxFacts;
  afterEach(() => {
    factLimits.maxFacts = defaultMax;
  });

  it('a graph answers for its own facts after later groundings took their ids', () => {
    const first = grounded();
    // Another cluster, whose grounding gives many of the same facts other ids.
    const second = grounded(generateCluster(30, 7));
    const moved = first.facts.filter(
      (key, i) => second.idOf(key) !== undefined && second.idOf(key) !== i,
    );
    expect(moved.length).toBeGreaterThan(10);
    for (const [i, key] of first.facts.entries()) expect(first.idOf(key)).toBe(i);
    for (const [i, key] of second.facts.entries()) expect(second.idOf(key)).toBe(i);
    expect(first.idOf('goal:no-such-goal')).toBeUndefined();
  });

  it('forgetting every fact before each analysis changes no answer', () => {
    clearParseCache();
    const expected = withoutStats(analyze(files));
    factLimits.maxFacts = 1;
    for (let i = 0; i < 3; i++) {
      clearParseCache();
      expect(withoutStats(analyze(files))).toEqual(expected);
    }
  });

  it('a pod edited between analyses gets the facts of what it has now', () => {
    // Pod and container memos outlive the model (they are kept per pod id): renaming the
    // containers and changing the service account must not reuse the earlier facts.
    const edited = files.map((f) => ({
      ...f,
      text: f.text
        .replaceAll('- name: main', '- name: app')
        .replaceAll('serviceAccountName: app', 'serviceAccountName: deployer'),
    }));
    const factsOf = (graph: ReturnType<typeof grounded>) => [...graph.facts].sort();
    clearParseCache();
    grounded();
    clearParseCache();
    const afterEarlier = factsOf(grounded(edited));
    expect(afterEarlier.filter((key) => key.includes('#app'))).not.toEqual([]);
    expect(afterEarlier.filter((key) => key.includes('#main'))).toEqual([]);
    factLimits.maxFacts = 1;
    clearParseCache();
    expect(afterEarlier).toEqual(factsOf(grounded(edited)));
  });

  it('an identity named by its parts is the fact named by its subject key', () => {
    expect(fact.serviceAccount('team-1', 'app')).toBe(fact.as('sa:team-1:app'));
    expect(fact.nodeIdentity('worker-2')).toBe(fact.as('user:system:node:worker-2'));
    expect(fact.group('system:masters')).toBe(fact.as('group:system:masters'));
  });
});
