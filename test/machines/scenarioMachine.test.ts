import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import {
  createScenarioMachine,
  debounceMs,
  type AnalysisInput,
  type AnalysisOutcome,
} from '../../src/machines/scenarioMachine';
import { fakeResult, twoStages } from './fixtures';

const fakeAnalysis = fromPromise<AnalysisOutcome, AnalysisInput>(async ({ input }) => ({
  status: 'done',
  result: fakeResult(input.files),
  inventory: [],
}));

function start(input: Partial<Parameters<typeof createActor>[1] & object> = {}) {
  const machine = createScenarioMachine(twoStages).provide({ actors: { analyse: fakeAnalysis } });
  const actor = createActor(machine, { input: { scenario: twoStages, ...input } });
  actor.start();
  return actor;
}

type Actor = ReturnType<typeof start>;
const settle = (actor: Actor) => waitFor(actor, (s) => !s.hasTag('analysing'));

describe('scenarioMachine', () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => vi.useRealTimers());

  it('briefs, then analyses the first stage and shows its MUT', async () => {
    const actor = start();
    expect(actor.getSnapshot().hasTag('briefing')).toBe(true);
    await settle(actor);
    expect(actor.getSnapshot().context.good?.goals[0]?.mut).toBe(1);
    actor.send({ type: 'scenario.start' });
    expect(actor.getSnapshot().value).toEqual({ stage1: 'analysing' });
    await settle(actor);
    expect(actor.getSnapshot().value).toEqual({ stage1: 'editing' });
    expect(actor.getSnapshot().context.history.map((h) => h.mut)).toEqual([1]);
  });

  it('debounces edits with fake timers, then wins the stage when the target is met', async () => {
    const actor = start();
    actor.send({ type: 'scenario.start' });
    await settle(actor);
    vi.useFakeTimers();
    actor.send({ type: 'editor.changed', path: 'a.yaml', text: 'mut=' });
    actor.send({ type: 'editor.changed', path: 'a.yaml', text: 'mut=2' });
    expect(actor.getSnapshot().value).toEqual({ stage1: 'debouncing' });
    vi.advanceTimersByTime(debounceMs - 1);
    expect(actor.getSnapshot().value).toEqual({ stage1: 'debouncing' });
    vi.advanceTimersByTime(1);
    expect(actor.getSnapshot().value).toEqual({ stage1: 'analysing' });
    vi.useRealTimers();
    await settle(actor);
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toEqual({ stage1: 'won' });
    expect(snapshot.context.history.map((h) => h.mut)).toEqual([1, 2]);
    expect(snapshot.context.history[1]?.reason).toMatch(/Closed: “Talk without credentials”/);
    expect(snapshot.context.saved['one']?.[0]?.text).toBe('mut=2');
    actor.send({ type: 'stage.next' });
    await settle(actor);
    expect(actor.getSnapshot().value).toEqual({ stage2: 'editing' });
  });

  it('keeps the last good analysis when the YAML breaks, marked stale', async () => {
    const actor = start();
    actor.send({ type: 'scenario.start' });
    await settle(actor);
    vi.useFakeTimers();
    actor.send({ type: 'editor.changed', path: 'a.yaml', text: 'mut=2 BROKEN' });
    vi.advanceTimersByTime(debounceMs);
    vi.useRealTimers();
    await settle(actor);
    const { context, value } = actor.getSnapshot();
    expect(value).toEqual({ stage1: 'editing' });
    expect(context.stale).toBe(true);
    expect(context.good?.goals[0]?.mut).toBe(1);
    expect(context.result?.diagnostics[0]?.message).toBe('bad indentation');
  });

  it('reveals hints one at a time and counts them', async () => {
    const actor = start();
    actor.send({ type: 'scenario.start' });
    actor.send({ type: 'hint.reveal' });
    actor.send({ type: 'hint.reveal' });
    actor.send({ type: 'hint.reveal' });
    expect(actor.getSnapshot().context.hintsRevealed).toBe(2);
    expect(actor.getSnapshot().context.hintsUsed).toBe(2);
  });

  it('resets a stage, and the reset can be undone', async () => {
    const actor = start({
      saved: {
        one: [
          { path: 'a.yaml', text: 'mut=1 edited' },
          { path: 'b.yaml', text: 'x' },
        ],
      },
    } as never);
    actor.send({ type: 'scenario.start' });
    await settle(actor);
    expect(actor.getSnapshot().context.files[0]?.text).toBe('mut=1 edited');
    actor.send({ type: 'stage.reset' });
    expect(actor.getSnapshot().context.files[0]?.text).toBe('mut=1');
    actor.send({ type: 'stage.undoReset' });
    expect(actor.getSnapshot().context.files[0]?.text).toBe('mut=1 edited');
    expect(actor.getSnapshot().context.undo).toBeNull();
  });

  it('loads the reference solution, wins every stage and reaches the debrief', async () => {
    const actor = start();
    actor.send({ type: 'scenario.start' });
    for (const _stage of twoStages.stages) {
      await settle(actor);
      actor.send({ type: 'stage.loadSolution' });
      await waitFor(actor, (s) => s.hasTag('won'));
      actor.send({ type: 'stage.next' });
    }
    expect(actor.getSnapshot().value).toBe('debrief');
    expect(actor.getSnapshot().context.history.map((h) => h.mut)).toEqual([1, 2, 3]);
  });

  it('resumes at the saved stage', async () => {
    const actor = start({ resumeAt: 1 } as never);
    actor.send({ type: 'scenario.start' });
    expect(actor.getSnapshot().value).toEqual({ stage2: 'analysing' });
  });

  it('after a reload, reopens the stage the learner was in, with its hints and the history', async () => {
    const actor = start({
      resumeAt: 0,
      resumeIn: 'stage',
      saved: {
        one: [
          { path: 'a.yaml', text: 'mut=2' },
          { path: 'b.yaml', text: 'x' },
        ],
      },
      history: [{ stage: 0, mut: 1, reason: 'first' }],
      hintsRevealed: 1,
      hintsUsed: 1,
    } as never);
    expect(actor.getSnapshot().hasTag('briefing')).toBe(false);
    expect(actor.getSnapshot().value).toEqual({ stage1: 'analysing' });
    expect(actor.getSnapshot().context.hintsRevealed).toBe(1);
    expect(actor.getSnapshot().context.hintsUsed).toBe(1);
    await settle(actor);
    // The kept edit wins the stage again; the history goes on from where it was.
    expect(actor.getSnapshot().value).toEqual({ stage1: 'won' });
    expect(actor.getSnapshot().context.history.map((h) => h.mut)).toEqual([1, 2]);
  });

  it('after a reload in the debrief, reopens the debrief with the last stage analysed', async () => {
    const actor = start({
      resumeAt: 1,
      resumeIn: 'debrief',
      history: [{ stage: 1, mut: 3, reason: 'done' }],
      saved: { two: [{ path: 'a.yaml', text: 'mut=3' }] },
    } as never);
    expect(actor.getSnapshot().hasTag('debrief')).toBe(true);
    await settle(actor);
    expect(actor.getSnapshot().value).toBe('debrief');
    expect(actor.getSnapshot().context.stageIndex).toBe(1);
    expect(actor.getSnapshot().context.good?.goals[0]?.mut).toBe(3);
    expect(actor.getSnapshot().context.history.map((h) => h.mut)).toEqual([3]);
  });

  it('opens the place an address asks for, from anywhere, keeping each stage’s edits', async () => {
    const actor = start({
      saved: {
        two: [
          { path: 'a.yaml', text: 'mut=2 kept' },
          { path: 'b.yaml', text: 'x' },
        ],
      },
    } as never);
    actor.send({ type: 'scenario.open', place: 1 });
    expect(actor.getSnapshot().value).toEqual({ stage2: 'analysing' });
    expect(actor.getSnapshot().context.files[0]?.text).toBe('mut=2 kept');
    await settle(actor);
    actor.send({ type: 'scenario.open', place: 0 });
    expect(actor.getSnapshot().value).toEqual({ stage1: 'analysing' });
    expect(actor.getSnapshot().context.files[0]?.text).toBe('mut=1');
    actor.send({ type: 'scenario.open', place: 'debrief' });
    expect(actor.getSnapshot().hasTag('debrief')).toBe(true);
    await settle(actor);
    expect(actor.getSnapshot().value).toBe('debrief');
    expect(actor.getSnapshot().context.files[0]?.text).toBe('mut=2 kept');
    actor.send({ type: 'scenario.open', place: 'briefing' });
    expect(actor.getSnapshot().hasTag('briefing')).toBe(true);
    // A place the machine does not have changes nothing.
    actor.send({ type: 'scenario.open', place: 7 });
    expect(actor.getSnapshot().hasTag('briefing')).toBe(true);
  });

  it('loads someone’s work into the stage’s own files only, and the learner can undo it', async () => {
    const actor = start();
    actor.send({ type: 'scenario.start' });
    await settle(actor);
    actor.send({
      type: 'stage.loadWork',
      files: [
        { path: 'a.yaml', text: 'mut=2 shared' },
        { path: 'extra.yaml', text: 'not a file of the stage' },
      ],
    });
    expect(actor.getSnapshot().context.files).toEqual([
      { path: 'a.yaml', text: 'mut=2 shared' },
      { path: 'b.yaml', text: 'kind: ReadOnly' },
    ]);
    expect(actor.getSnapshot().context.saved['one']?.[0]?.text).toBe('mut=2 shared');
    await waitFor(actor, (s) => s.hasTag('won'));
    actor.send({ type: 'stage.undoReset' });
    expect(actor.getSnapshot().context.files[0]?.text).toBe('mut=1');
  });

  it('turns a failed analysis into data: stale, with the error, never a crash', async () => {
    const machine = createScenarioMachine(twoStages).provide({
      actors: {
        analyse: fromPromise<AnalysisOutcome, AnalysisInput>(async () => {
          throw new Error('worker crashed');
        }),
      },
    });
    const actor = createActor(machine, { input: { scenario: twoStages } }).start();
    await settle(actor);
    expect(actor.getSnapshot().context.stale).toBe(true);
    expect(actor.getSnapshot().context.analysisError).toMatch(/worker crashed/);
  });

  it('reaches every state by shortest paths (xstate/graph)', () => {
    const machine = createScenarioMachine(twoStages);
    const done = (mut: number) => ({
      type: 'xstate.done.actor.analysis',
      output: {
        status: 'done',
        result: fakeResult([{ path: 'a.yaml', text: `mut=${mut}` }]),
        inventory: [],
      },
    });
    const paths = getShortestPaths(machine, {
      input: { scenario: twoStages },
      events: (snapshot) => {
        const stage = snapshot.context.stageIndex;
        return [
          { type: 'scenario.start' },
          { type: 'scenario.restart' },
          { type: 'editor.changed', path: 'a.yaml', text: 'x' },
          { type: 'hint.reveal' },
          { type: 'stage.next' },
          { type: 'stage.reset' },
          { type: 'stage.undoReset' },
          { type: 'stage.loadSolution' },
          { type: `xstate.after.debounce.scenario.stage${stage + 1}.debouncing` },
          done(stage + 1),
          done(stage + 2),
        ] as never;
      },
      serializeState: (snapshot) => JSON.stringify(snapshot.value),
    });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    const expected = [
      { briefing: 'analysing' },
      { briefing: 'ready' },
      ...['stage1', 'stage2'].flatMap((s) =>
        ['analysing', 'debouncing', 'editing', 'won'].map((sub) => ({ [s]: sub })),
      ),
      'debrief',
    ].map((v) => JSON.stringify(v));
    for (const state of expected) expect(reached, state).toContain(state);
  });
});

describe('scenarioMachine: a quick answer, then the final proof', () => {
  /** The outcome of `mut=N`, not proved: the interval [N - 1, N]. */
  const interval = (text: string): AnalysisOutcome => {
    const result = fakeResult([{ path: 'a.yaml', text }]);
    const goal = result.goals[0]!;
    return {
      status: 'done',
      result: { ...result, goals: [{ ...goal, exact: false, lowerBound: goal.mut! - 1 }] },
      inventory: [],
    };
  };
  const proved = (text: string): AnalysisOutcome => ({
    status: 'done',
    result: fakeResult([{ path: 'a.yaml', text }]),
    inventory: [],
  });

  function startQuick() {
    const machine = createScenarioMachine(twoStages).provide({
      actors: {
        analyse: fromPromise<AnalysisOutcome, AnalysisInput>(async ({ input }) =>
          /quick/.test(input.files[0]!.text) ? interval(input.files[0]!.text) : proved('mut=1'),
        ),
      },
    });
    const actor = createActor(machine, { input: { scenario: twoStages } });
    actor.start();
    return actor;
  }

  async function typed(actor: Actor, text: string) {
    actor.send({ type: 'editor.changed', path: 'a.yaml', text });
    await waitFor(actor, (s) => JSON.stringify(s.value) === '{"stage1":"analysing"}');
    await settle(actor);
  }

  it('an unproved MUT that may meet the target does not win; its proof does', async () => {
    const actor = startQuick();
    actor.send({ type: 'scenario.start' });
    await settle(actor);
    await typed(actor, 'mut=2 quick');
    // "1–2, still proving": the target (MUT ≥ 2) is not proved met.
    expect(actor.getSnapshot().value).toEqual({ stage1: 'editing' });
    expect(actor.getSnapshot().context.good?.goals[0]?.exact).toBe(false);
    actor.send({ type: 'analysis.final', output: proved('mut=2 quick') });
    expect(actor.getSnapshot().value).toEqual({ stage1: 'won' });
    expect(actor.getSnapshot().context.good?.goals[0]?.exact).toBe(true);
  });

  it('a final proof of an older text is ignored while a newer edit waits', async () => {
    const actor = startQuick();
    actor.send({ type: 'scenario.start' });
    await settle(actor);
    await typed(actor, 'mut=2 quick');
    actor.send({ type: 'editor.changed', path: 'a.yaml', text: 'mut=1' });
    expect(actor.getSnapshot().value).toEqual({ stage1: 'debouncing' });
    actor.send({ type: 'analysis.final', output: proved('mut=2 quick') });
    expect(actor.getSnapshot().value).toEqual({ stage1: 'debouncing' });
    expect(actor.getSnapshot().context.good?.goals[0]?.exact).toBe(false);
  });
});
