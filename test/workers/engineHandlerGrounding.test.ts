import { describe, expect, it, vi } from 'vitest';
import { analyze, type AnalysisResult } from '../../src/engine';
import { createEngineHandler } from '../../src/workers/engineHandler';
import type { EngineResponse } from '../../src/workers/engineProtocol';
import { layeredManifests } from '../../bench/families';

// The real grounding, counted: the quick pass and the full proof of one analysis share the
// parsed manifests, model and attack graph, so the graph is built once per request.
const grounding = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../src/engine/graph/buildGraph', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/graph/buildGraph')>();
  return {
    ...actual,
    buildGraph: (...args: Parameters<typeof actual.buildGraph>) => {
      grounding.calls++;
      return actual.buildGraph(...args);
    },
  };
});

/** The handler on the real engine with a hand-run message loop. */
function harness() {
  const posted: EngineResponse[] = [];
  const tasks: (() => void)[] = [];
  const handle = createEngineHandler({
    post: (message) => posted.push(message),
    later: (fn) => tasks.push(fn),
    now: () => performance.now(),
    catalogue: () => ({ scenarios: [], errors: [] }),
  });
  const drain = () => {
    while (tasks.length) tasks.shift()!();
  };
  const phases = () => posted.map((m) => (m.kind === 'analysis' ? `${m.id} ${m.phase}` : m.kind));
  return { handle, drain, phases, posted, tasks };
}

// A layered cluster whose cheapest attack (MUT 3) a tiny quick pass does not prove: the
// answer comes in two phases, so the proof really runs after the quick pass.
const files = layeredManifests(20);
const tinyShare = 0.001;
const strip = (r: AnalysisResult) => ({ ...r, stats: undefined });

describe('engine worker handler: one grounding per analysis', () => {
  it('the quick pass and the proof build the attack graph once between them', () => {
    const h = harness();
    grounding.calls = 0;
    h.handle({ id: 1, kind: 'analyze', files, options: {}, quickEffort: tinyShare });
    h.drain();
    expect(h.phases()).toEqual(['1 quick', '1 final']);
    expect(grounding.calls).toBe(1);
  });

  it('the proof on the kept grounding answers what a fresh analysis answers', () => {
    const h = harness();
    h.handle({ id: 1, kind: 'analyze', files, options: {}, quickEffort: tinyShare });
    h.drain();
    const final = h.posted[1];
    if (final?.kind !== 'analysis') throw new Error('no final answer');
    const quick = h.posted[0];
    if (quick?.kind !== 'analysis') throw new Error('no quick answer');
    expect(quick.result.goals[0]).toMatchObject({ mut: 3, exact: false });
    expect(strip(final.result)).toEqual(strip(analyze(files)));
  });

  it('a newer edit grounds its own files, and the older proof is dropped', () => {
    const h = harness();
    grounding.calls = 0;
    h.handle({ id: 1, kind: 'analyze', files, options: {}, quickEffort: tinyShare });
    const edited = files.map((f) => ({ ...f, text: f.text.replace(/team-0\b/g, 'team-x') }));
    h.handle({ id: 2, kind: 'analyze', files: edited, options: {}, quickEffort: tinyShare });
    h.drain();
    expect(h.phases()).toEqual(['1 quick', '2 quick', '2 final']);
    expect(grounding.calls).toBe(2);
    const final = h.posted[2];
    if (final?.kind !== 'analysis') throw new Error('no final answer');
    expect(strip(final.result)).toEqual(strip(analyze(edited)));
  });
});
