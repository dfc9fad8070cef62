import { getHeapStatistics } from 'node:v8';
import type { CliIo } from './io.ts';
import { megabytes } from './limits.ts';

// Node stops a process that outgrows its heap with a fatal error and a native stack
// ("JavaScript heap out of memory"), minutes into the work, naming no way around it. The limit
// is fixed when Node starts (`--max-old-space-size`; by default about a quarter of the
// machine's memory, at most 4 GB here), and no JavaScript runs when it is reached. So the CLI
// compares it with what the inputs may need before it starts, and says beforehand how to
// raise it. A note, not a refusal: the need depends on what the objects are (a dump of
// ConfigMaps needs a fraction of one of workloads and RBAC), and a run that fits must run.

/**
 * Bytes of heap an analysis needs at its peak per byte of input, at worst: measured with
 * `--trace-gc` on kubectl dumps of workloads and RBAC at 10,000 and 50,000 objects (16× and
 * 12×; the smaller dump pays more for the engine itself).
 */
export const heapPerInputByte = 16;

/** The engine, its schema compiler and a small cluster's analysis. */
export const baseHeapBytes = 64 * 1024 * 1024;

/** What to say when `bytes` of input may not fit in `heapLimit` bytes of heap, or undefined. */
export function memoryNote(command: string, bytes: number, heapLimit: number): string | undefined {
  const needed = baseHeapBytes + bytes * heapPerInputByte;
  if (needed <= heapLimit) return undefined;
  // A quarter above the estimate, in whole hundreds of MB.
  const raise = Math.ceil((needed * 1.25) / (100 * 1024 * 1024)) * 100;
  return `mut ${command}: note: the inputs (${megabytes(bytes)}) may need up to ${megabytes(needed)} of memory, more than this Node's heap limit (${megabytes(heapLimit)}); should the run stop with "JavaScript heap out of memory", raise the limit (NODE_OPTIONS=--max-old-space-size=${raise} mut ${command} …) or analyse part of the cluster at a time (one \`kubectl get -o yaml\` per namespace)`;
}

/** Says, before the work, when the inputs may run Node out of heap. */
export function noteMemoryNeed(
  command: string,
  files: readonly { text: string }[],
  io: CliIo,
): void {
  let bytes = 0;
  for (const f of files) bytes += f.text.length;
  const note = memoryNote(command, bytes, getHeapStatistics().heap_size_limit);
  if (note) io.stderr(note + '\n');
}
