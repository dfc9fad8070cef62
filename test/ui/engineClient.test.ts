import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineRequest, EngineResponse } from '../../src/workers/engineProtocol';
import { createEngineClient, type WorkerLike } from '../../src/workers/engineClient';
import { fakeResult } from '../machines/fixtures';

/** A worker that answers only when told, in any order. */
function fakeWorker() {
  const requests: EngineRequest[] = [];
  let onMessage: ((event: MessageEvent<EngineResponse>) => void) | undefined;
  let onError: ((event: ErrorEvent) => void) | undefined;
  const worker: WorkerLike = {
    postMessage: (message) => requests.push(message),
    addEventListener: ((type: string, listener: never) => {
      if (type === 'message') onMessage = listener;
      else onError = listener;
    }) as WorkerLike['addEventListener'],
    terminate: () => {
      terminated = true;
    },
  };
  let terminated = false;
  const answer = (id: number, phase: 'quick' | 'final' = 'final') =>
    onMessage?.({
      data: {
        id,
        kind: 'analysis',
        phase,
        result: fakeResult([{ path: 'a', text: `mut=${id}` }]),
        inventory: [],
        ms: 1,
      },
    } as unknown as MessageEvent<EngineResponse>);
  const crash = () => onError?.({ message: 'boom' } as ErrorEvent);
  return { worker, requests, answer, crash, terminated: () => terminated };
}

describe('engineClient', () => {
  it('lets the newest request win: older answers are dropped', async () => {
    const { worker, answer } = fakeWorker();
    const client = createEngineClient(worker);
    const first = client.analyze([{ path: 'a', text: 'x' }]);
    const second = client.analyze([{ path: 'a', text: 'y' }]);
    answer(2);
    answer(1);
    expect(await first).toEqual({ status: 'superseded' });
    const newest = await second;
    expect(newest.status).toBe('done');
    expect(newest.status === 'done' && newest.result.goals[0]?.mut).toBe(2);
  });

  it('a new analysis settles the older one at once and tells the worker to stop it', async () => {
    const { worker, requests } = fakeWorker();
    const client = createEngineClient(worker);
    const first = client.analyze([]);
    void client.analyze([]);
    expect(await first).toEqual({ status: 'superseded' });
    expect(requests.map((r) => `${r.id} ${r.kind}`)).toEqual([
      '1 analyze',
      '1 cancel',
      '2 analyze',
    ]);
  });

  it('asks for the quick share it was made with', () => {
    const { worker, requests } = fakeWorker();
    void createEngineClient(worker, { quickEffort: 0.001 }).analyze([]);
    expect(requests[0]).toMatchObject({ kind: 'analyze', quickEffort: 0.001 });
  });

  it('gives a quick answer to onQuick and resolves with the final one', async () => {
    const { worker, answer } = fakeWorker();
    const client = createEngineClient(worker);
    const quick: string[] = [];
    const pending = client.analyze([], {}, (outcome) => quick.push(outcome.phase));
    answer(1, 'quick');
    expect(quick).toEqual(['quick']);
    answer(1, 'final');
    const outcome = await pending;
    expect(outcome.status === 'done' && outcome.phase).toBe('final');
    expect(quick).toEqual(['quick']);
  });

  it('drops an older answer that arrives before the newest one', async () => {
    const { worker, answer } = fakeWorker();
    const client = createEngineClient(worker);
    const first = client.analyze([]);
    const second = client.analyze([]);
    answer(1);
    expect(await first).toEqual({ status: 'superseded' });
    answer(2);
    expect((await second).status).toBe('done');
  });

  it('returns a crashed worker as data, not as a rejection', async () => {
    const { worker, crash } = fakeWorker();
    const client = createEngineClient(worker);
    const pending = client.analyze([]);
    crash();
    expect(await pending).toEqual({ status: 'error', message: 'boom' });
  });

  it('with a worker factory, a crash is told in words and the worker replaced', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    let made = 0;
    const client = createEngineClient(() => workers[made++]!.worker);
    const pending = client.analyze([]);
    workers[0]!.crash();
    expect(await pending).toEqual({
      status: 'error',
      message: 'the analysis engine stopped (boom); it was restarted',
    });
    expect(workers[0]!.terminated()).toBe(true);
    const next = client.analyze([]);
    expect(workers[1]!.requests).toHaveLength(1);
    workers[1]!.answer(2);
    expect((await next).status).toBe('done');
  });

  it('sends plain copies of the files', () => {
    const { worker, requests } = fakeWorker();
    void createEngineClient(worker).analyze([{ path: 'a', text: 'b' }], {
      goals: ['cluster-admin'],
    });
    expect(requests[0]).toEqual({
      id: 1,
      kind: 'analyze',
      files: [{ path: 'a', text: 'b' }],
      options: { goals: ['cluster-admin'] },
    });
  });
});

describe('engineClient watchdog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('an analysis with no answer within the time limit fails in words; the worker is restarted', async () => {
    // A worker that closed itself (or hangs) answers nothing, and fires no event.
    const workers = [fakeWorker(), fakeWorker()];
    let made = 0;
    const client = createEngineClient(() => workers[made++]!.worker, { timeLimitMs: 1000 });
    const hung = client.analyze([{ path: 'a', text: 'x' }]);
    await vi.advanceTimersByTimeAsync(999);
    expect(made).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await hung).toEqual({
      status: 'error',
      message:
        'no answer within 1 s (the analysis time limit): the analysis engine was stopped and restarted',
    });
    expect(workers[0]!.terminated()).toBe(true);
    expect(made).toBe(2);

    // The next edit is analysed by the new worker; the old one's late answer changes nothing.
    const next = client.analyze([{ path: 'a', text: 'y' }]);
    expect(workers[1]!.requests.map((r) => r.id)).toEqual([2]);
    workers[0]!.answer(2);
    workers[1]!.answer(2);
    const outcome = await next;
    expect(outcome.status === 'done' && outcome.result.goals[0]?.mut).toBe(2);
  });

  it('an answer in time clears the timer: no restart', async () => {
    let made = 0;
    const only = fakeWorker();
    const client = createEngineClient(() => (made++, only.worker), { timeLimitMs: 1000 });
    const pending = client.analyze([]);
    only.answer(1);
    expect((await pending).status).toBe('done');
    await vi.advanceTimersByTimeAsync(5000);
    expect(made).toBe(1);
    expect(only.terminated()).toBe(false);
  });

  it('a quick answer starts the time limit again for the final one', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    let made = 0;
    const client = createEngineClient(() => workers[made++]!.worker, { timeLimitMs: 1000 });
    const pending = client.analyze([], {}, () => {});
    await vi.advanceTimersByTimeAsync(900);
    workers[0]!.answer(1, 'quick');
    await vi.advanceTimersByTimeAsync(900);
    expect(made).toBe(1);
    workers[0]!.answer(1, 'final');
    expect((await pending).status).toBe('done');
  });

  it('the catalogue has its own, longer limit', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    let made = 0;
    const client = createEngineClient(() => workers[made++]!.worker, {
      timeLimitMs: 1000,
      catalogueTimeLimitMs: 3000,
    });
    const catalogue = client.catalogue();
    await vi.advanceTimersByTimeAsync(2000);
    expect(made).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await catalogue).error).toMatch(/no answer within 3 s/);
  });
});
