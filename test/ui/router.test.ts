// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import {
  createScenarioMachine,
  type AnalysisInput,
  type AnalysisOutcome,
} from '../../src/machines/scenarioMachine';
import { Router } from '../../src/ui/state/router.svelte';
import { ProgressStore, trackProgress } from '../../src/ui/state/progress';
import type { StoreLike } from '../../src/ui/state/storage';
import { fakeResult, twoStages } from '../machines/fixtures';

function flow(input: Record<string, unknown> = {}) {
  const machine = createScenarioMachine(twoStages).provide({
    actors: {
      analyse: fromPromise<AnalysisOutcome, AnalysisInput>(async ({ input: i }) => ({
        status: 'done',
        result: fakeResult(i.files),
        inventory: [],
      })),
    },
  });
  return createActor(machine, { input: { scenario: twoStages, ...input } }).start();
}

const hashChanged = () =>
  new Promise((resolve) => addEventListener('hashchange', resolve, { once: true }));

describe('Router', () => {
  afterEach(() => history.replaceState(null, '', '#'));

  it('completes an address without a place, then adds a history entry per place reached', async () => {
    history.replaceState(null, '', '#');
    const before = history.length;
    const router = new Router();
    const actor = flow();
    const stop = router.follow('test', actor);
    expect(location.hash).toBe('#/test');
    expect(history.length).toBe(before);

    actor.send({ type: 'scenario.start' });
    expect(location.hash).toBe('#/test/1');
    actor.send({ type: 'stage.loadSolution' });
    await waitFor(actor, (s) => s.hasTag('won'));
    // An analysis, a win: the same place, no new entry.
    expect(history.length).toBe(before + 1);
    actor.send({ type: 'stage.next' });
    expect(location.hash).toBe('#/test/2');
    expect(history.length).toBe(before + 2);

    // Back: the router reads the address; the session is sent there by the page.
    const changed = hashChanged();
    history.back();
    await changed;
    expect(router.link.route).toEqual({ view: 'scenario', id: 'test', place: 0 });
    actor.send({ type: 'scenario.open', place: 0 });
    expect(location.hash).toBe('#/test/1');
    expect(history.length).toBe(before + 2);
    stop();
    router.dispose();
  });
});

describe('trackProgress', () => {
  it('records the stages won, the best MUT, the debrief and the visible time', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const data = new Map<string, string>();
    const storage: StoreLike = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
    const store = new ProgressStore(storage);
    const actor = flow();
    let visible = true;
    const stop = trackProgress(store, twoStages, actor, 1000, () => visible);
    actor.send({ type: 'scenario.start' });
    actor.send({ type: 'stage.loadSolution' });
    await waitFor(actor, (s) => s.hasTag('won'));
    vi.advanceTimersByTime(3000);
    visible = false;
    vi.advanceTimersByTime(5000);
    actor.send({ type: 'stage.next' });
    actor.send({ type: 'stage.loadSolution' });
    await waitFor(actor, (s) => s.hasTag('won'));
    actor.send({ type: 'stage.next' });
    stop();
    vi.useRealTimers();
    expect(store.load(twoStages)).toEqual({
      won: ['one', 'two'],
      solutionLoaded: [],
      best: 3,
      seconds: 3,
      finished: true,
    });
  });
});
