// The lines behind each rule (RuleTable.atOf) are kept only for the rules that have some, found
// by the index each rule was grounded at, also when the build dropped rules that never fire.

import { describe, expect, it } from 'vitest';
import { named } from '../../src/engine/graph/facts.ts';
import { GraphBuilder } from '../../src/engine/graph/graph.ts';
import type { KubeObject } from '../../src/engine/manifests/document.ts';
import type { SourceRef } from '../../src/engine/manifests/locate.ts';

const object = { kind: 'Pod', name: 'p' } as unknown as KubeObject;
const at = (line: number): SourceRef => ({ object, path: ['spec', line] });

describe('rule locations', () => {
  it.each([false, true])('are each rule’s own (a never-firing rule dropped: %s)', (drop) => {
    const b = new GraphBuilder();
    const f = (k: string) => named(`loc-test:${k}`);
    b.start(f('start'));
    const lines: (SourceRef | undefined)[][] = [];
    const ground = (body: string[], head: string, refs: (SourceRef | undefined)[]) => {
      b.rule('test-step', body.map(f), f(head), refs);
      lines.push(refs.filter((r) => r !== undefined));
    };
    ground(['start'], 'a', [at(1)]);
    ground(['a'], 'b', []);
    // Never fires when `never` is never given: dropped by the build.
    ground(drop ? ['never'] : ['a'], 'c', [at(2), at(3)]);
    ground(['b'], 'd', [undefined]);
    ground(['b', 'a'], 'e', [at(4), undefined, at(5)]);
    ground(['e'], 'g', []);
    const graph = b.build();
    const kept = drop ? [0, 1, 3, 4, 5] : [0, 1, 2, 3, 4, 5];
    expect(graph.rules.count).toBe(kept.length);
    kept.forEach((grounded, r) => {
      expect(graph.facts[graph.rules.head[r]!]).toBe(`loc-test:${'abcdeg'[grounded]}`);
      expect(graph.rules.atOf(r)).toEqual(lines[grounded]);
    });
  });
});
