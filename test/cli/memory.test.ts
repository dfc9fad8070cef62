// Node's heap limit is the one limit the CLI does not set, and no JavaScript runs when it is
// reached: a dump that may outgrow it gets a note first, naming the limit and the way around
// it, so that Node's "JavaScript heap out of memory" is not the only word.

import { describe, expect, it, vi } from 'vitest';
import { kubectlDump } from '../../bench/cli/kubectlDump.ts';
import { memoryNote } from '../../src/cli/memory.ts';
import { mut, stackTrace } from './runMut.ts';

vi.setConfig({ testTimeout: 200_000 });

const MB = 1024 * 1024;

describe('the heap limit', () => {
  it('names the need, the limit and the setting that raises it', () => {
    expect(memoryNote('analyze', 300 * MB, 4144 * MB)).toBe(
      'mut analyze: note: the inputs (300 MB) may need up to 4864 MB of memory, more than this Node\'s heap limit (4144 MB); should the run stop with "JavaScript heap out of memory", raise the limit (NODE_OPTIONS=--max-old-space-size=6100 mut analyze …) or analyse part of the cluster at a time (one `kubectl get -o yaml` per namespace)',
    );
  });

  it('says nothing when the limit allows the input', () => {
    // 100,000 objects of a kubectl dump are 66 MB: within Node's default limit on most machines.
    expect(memoryNote('analyze', 66 * MB, 2048 * MB)).toBeUndefined();
    expect(memoryNote('check', 200 * MB, 4144 * MB)).toBeUndefined();
  });

  it('warns before a dump may run the process out of heap, and its advice is enough', async () => {
    const input = kubectlDump(3_000);
    // Node ends the run with SIGABRT: the helper rejects, the message holds stderr.
    const small = await mut(['analyze', '-', '--json'], {
      input,
      env: { NODE_OPTIONS: '--max-old-space-size=16' },
    }).catch((e: Error) => ({ code: -1, stderr: e.message.replace(/^Command failed: .*\n/, '') }));
    const note =
      /^mut analyze: note: the inputs \(2\.\d MB\) may need up to \d+ MB of memory, more than this Node's heap limit \(\d+ MB\); should the run stop with "JavaScript heap out of memory", raise the limit \(NODE_OPTIONS=(--max-old-space-size=\d+00) mut analyze …\)/;
    const advice = note.exec(small.stderr);
    expect(advice, small.stderr.slice(0, 2000)).not.toBeNull();
    const raised = await mut(['analyze', '-', '--json'], {
      input,
      env: { NODE_OPTIONS: advice![1]! },
    });
    expect(raised.stderr).not.toMatch(stackTrace);
    expect(raised.stderr).not.toMatch(/note: the inputs/);
    expect(raised.code).toBe(0);
  });
});
