import { describe, expect, it } from 'vitest';
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../../src/engine';
import { analyze, analyzeSteps } from '../../src/engine';
import { createEngineHandler, quickEffort } from '../../src/workers/engineHandler';
import type { EngineResponse } from '../../src/workers/engineProtocol';
import { fakeResult } from '../machines/fixtures';

/**
 * The worker's handler with a hand-run message loop: `later` queues a task, `tick` runs the
 * oldest one, so a test puts a message between two slices of a proof exactly where it wants.
 * The fake engine's quick pass proves nothing ("4–5"); its full proof takes `rounds` steps.
 */
function harness(rounds = 3) {
  const posted: EngineResponse[] = [];
  const tasks: (() => void)[] = [];
  let clock = 0;
  const interval = (files: readonly InputFile[], exact: boolean): AnalysisResult => {
    const result = fakeResult([...files]);
    const goal = result.goals[0]!;
    return { ...result, goals: [{ ...goal, exact, lowerBound: exact ? goal.mut! : 4 }] };
  };
  const handle = createEngineHandler({
    post: (message) => posted.push(message),
    later: (fn) => tasks.push(fn),
    // Every look at the clock is a slice's worth later: one step per slice.
    now: () => (clock += 1000),
    catalogue: () => ({ scenarios: [], errors: [] }),
    engine: {
      ground: (files) => files,
      solveSteps: function* (files, options: AnalyzeOptions) {
        if (options.effort === quickEffort) return interval(files, false);
        for (let i = 0; i < rounds; i++) yield;
        return interval(files, true);
      },
    },
  });
  const tick = () => tasks.shift()?.();
  const drain = () => {
    while (tasks.length) tick();
  };
  const summary = () =>
    posted.map((m) =>
      m.kind === 'analysis'
        ? `${m.id} ${m.phase} ${m.result.goals[0]!.exact}`
        : `${m.id} ${m.kind}`,
    );
  return { handle, tick, drain, summary, tasks };
}

const files = (mut: number) => [{ path: 'a.yaml', text: `mut=${mut}` }];

describe('engine worker handler: a quick pass, then the full proof', () => {
  it('answers at once with the quick pass, then with the final proof', () => {
    const h = harness();
    h.handle({ id: 1, kind: 'analyze', files: files(5), options: {} });
    expect(h.summary()).toEqual(['1 quick false']);
    h.drain();
    expect(h.summary()).toEqual(['1 quick false', '1 final true']);
  });

  it('runs the proof in slices, one task each, so messages get in between', () => {
    const h = harness(3);
    h.handle({ id: 1, kind: 'analyze', files: files(5), options: {} });
    h.tick();
    h.tick();
    expect(h.summary()).toEqual(['1 quick false']);
    expect(h.tasks).toHaveLength(1);
  });

  it('a newer analysis stops the running proof: no final answer to the older one', () => {
    const h = harness(3);
    h.handle({ id: 1, kind: 'analyze', files: files(5), options: {} });
    h.tick();
    h.handle({ id: 2, kind: 'analyze', files: files(6), options: {} });
    h.drain();
    expect(h.summary()).toEqual(['1 quick false', '2 quick false', '2 final true']);
  });

  it('a cancel stops the proof between two slices', () => {
    const h = harness(3);
    h.handle({ id: 1, kind: 'analyze', files: files(5), options: {} });
    h.tick();
    h.handle({ id: 1, kind: 'cancel' });
    h.drain();
    expect(h.summary()).toEqual(['1 quick false']);
  });

  it('a cancel for another request leaves the proof running', () => {
    const h = harness(2);
    h.handle({ id: 3, kind: 'analyze', files: files(5), options: {} });
    h.handle({ id: 2, kind: 'cancel' });
    h.drain();
    expect(h.summary()).toEqual(['3 quick false', '3 final true']);
  });

  it('an effort the caller chose is one pass, answered as final', () => {
    const h = harness();
    h.handle({ id: 1, kind: 'analyze', files: files(5), options: { effort: 0.5 } });
    h.drain();
    expect(h.summary()).toEqual(['1 final true']);
  });
});

describe('engine worker handler: the quick share', () => {
  it('takes the share the page asks for, for the quick pass only', () => {
    const efforts: (number | undefined)[] = [];
    const handle = createEngineHandler({
      post: () => {},
      later: (fn) => fn(),
      now: () => 0,
      catalogue: () => ({ scenarios: [], errors: [] }),
      engine: {
        ground: (input) => input,
        solveSteps: function* (input, options) {
          efforts.push(options.effort);
          const result = fakeResult([...input]);
          if (options.effort !== undefined)
            return { ...result, goals: [{ ...result.goals[0]!, exact: false }] };
          yield;
          return result;
        },
      },
    });
    handle({ id: 1, kind: 'analyze', files: files(3), options: {}, quickEffort: 0.001 });
    expect(efforts).toEqual([0.001, undefined]);
  });
});

describe('engine worker handler with the real engine', () => {
  it('a quick pass that proves every goal is the final answer, sent once', () => {
    const posted: EngineResponse[] = [];
    const handle = createEngineHandler({
      post: (m) => posted.push(m),
      later: () => {
        throw new Error('no proof to run');
      },
      now: () => 0,
      catalogue: () => ({ scenarios: [], errors: [] }),
    });
    handle({
      id: 7,
      kind: 'analyze',
      files: [{ path: 'ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' }],
      options: {},
    });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ id: 7, kind: 'analysis', phase: 'final' });
  });

  it('analyzeSteps run to the end gives what analyze gives', () => {
    const input = [
      { path: 'ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' },
    ];
    const steps = analyzeSteps(input);
    let pauses = 0;
    let next = steps.next();
    while (!next.done) {
      pauses++;
      next = steps.next();
    }
    expect(pauses).toBeGreaterThan(0);
    const strip = (r: AnalysisResult) => ({ ...r, stats: undefined });
    expect(strip(next.value)).toEqual(strip(analyze(input)));
  });
});
