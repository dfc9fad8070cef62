import { describe, expect, it } from 'vitest';
import type { EngineRequest, EngineResponse } from '../../src/workers/engineProtocol';
import { createEngineClient, type WorkerLike } from '../../src/workers/engineClient';
import { sandboxRequest, type SandboxRequest } from '../../src/workers/sandboxRequests';

// A dump imported through the worker client: progress on the way, then the files; a cancel
// stops the worker and starts a fresh one.

/** Workers made by the client's factory; each answers by running the real request handler. */
function workers(options: { hold?: boolean } = {}) {
  const made: { terminated: boolean; requests: EngineRequest[]; run(): void }[] = [];
  const spawn = (): WorkerLike => {
    let onMessage: ((event: MessageEvent<EngineResponse>) => void) | undefined;
    const me = {
      terminated: false,
      requests: [] as EngineRequest[],
      run() {
        for (const request of me.requests.splice(0))
          sandboxRequest(request as SandboxRequest, (data) =>
            onMessage?.({ data } as MessageEvent<EngineResponse>),
          );
      },
    };
    made.push(me);
    return {
      postMessage(message) {
        me.requests.push(message);
        if (!options.hold) queueMicrotask(() => me.run());
      },
      addEventListener: ((type: string, listener: never) => {
        if (type === 'message') onMessage = listener;
      }) as WorkerLike['addEventListener'],
      terminate() {
        me.terminated = true;
      },
    };
  };
  return { spawn, made };
}

const dump = `apiVersion: v1\nitems:\n${Array.from(
  { length: 4000 },
  (_, i) =>
    `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c${i}\n    namespace: ns${i % 3}\n  data:\n    k: ${'v'.repeat(200)}\n`,
).join('')}kind: List\n`;

describe('engineClient.importDump', () => {
  it('reports progress, then gives the files', async () => {
    const { spawn } = workers();
    const client = createEngineClient(spawn);
    const seen: number[] = [];
    const { outcome } = client.importDump('dump.yaml', dump, ({ done, total }) => {
      expect(total).toBe(dump.length);
      seen.push(done);
    });
    const done = await outcome;
    expect(done.status === 'done' && done.imported.files.map((f) => f.path)).toEqual([
      'dump/ns0.yaml',
      'dump/ns1.yaml',
      'dump/ns2.yaml',
    ]);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(dump.length);
  });

  it('cancels: the request ends as cancelled and the worker is replaced', async () => {
    const { spawn, made } = workers({ hold: true });
    const client = createEngineClient(spawn);
    const job = client.importDump('dump.yaml', dump, () => {});
    job.cancel();
    expect(await job.outcome).toEqual({ status: 'cancelled' });
    expect(made).toHaveLength(2);
    expect(made[0]!.terminated).toBe(true);
    expect(made[1]!.terminated).toBe(false);
    // The fresh worker still answers.
    const again = client.importDump('dump.yaml', dump, () => {});
    made[1]!.run();
    expect((await again.outcome).status).toBe('done');
  });
});
