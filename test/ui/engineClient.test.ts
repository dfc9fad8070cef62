import { describe, expect, it } from 'vitest';
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
    terminate: () => {},
  };
  const answer = (id: number) =>
    onMessage?.({
      data: {
        id,
        ok: true,
        result: fakeResult([{ path: 'a', text: `mut=${id}` }]),
        inventory: [],
        ms: 1,
      },
    } as unknown as MessageEvent<EngineResponse>);
  const crash = () => onError?.({ message: 'boom' } as ErrorEvent);
  return { worker, requests, answer, crash };
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
