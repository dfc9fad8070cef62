// A rule grounded twice (same technique, head and body) changes no answer but costs the
// grounding, the graph's memory and every search over it: pods of one node and namespace
// asked the same rule of admission-webhook-control, ephemeral-containers and
// kubelet-credentials once each (5,400 of 114,000 rules on an 8,000-object dump).

import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/synthetic.ts';
import { kubectlDump } from '../../bench/cli/kubectlDump.ts';
import { buildGraph } from '../../src/engine/graph/buildGraph.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import type { InputFile } from '../../src/engine/types.ts';

function duplicates(files: readonly InputFile[]): string[] {
  const { model } = buildModel(readObjects(parseFiles(files).documents).objects);
  const graph = buildGraph(
    model,
    model.threat.goals.map((g) => g.id),
    model.threat.start,
  );
  const { rules, facts } = graph;
  const seen = new Set<string>();
  const out: string[] = [];
  for (let r = 0; r < rules.count; r++) {
    const body = [...rules.bodyOf(r)].sort((a, b) => a - b).map((f) => facts[f]);
    const sentence = `${rules.techniqueOf(r)}: ${body.join(' & ')} -> ${facts[rules.head[r]!]}`;
    if (seen.has(sentence)) out.push(sentence);
    seen.add(sentence);
  }
  return out;
}

describe('grounding', () => {
  it('grounds no rule twice in a synthetic cluster', () => {
    expect(duplicates(generateCluster(400, 2))).toEqual([]);
  });

  it('grounds no rule twice in a kubectl dump', () => {
    expect(duplicates([{ path: 'dump.yaml', text: kubectlDump(900) }])).toEqual([]);
  });
});
