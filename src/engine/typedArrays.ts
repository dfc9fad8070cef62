// Typed arrays cut from shared chunks of memory.
//
// V8 keeps a typed array of more than 64 bytes outside its heap: creating one costs about
// 2 µs (an allocation and bookkeeping for the garbage collector), against 0.05 µs for a view
// on memory that already exists. One analysis of a small cluster creates dozens (per goal:
// closure counters, distances, the relaxed plan's queues), which made them a third of its
// fixed cost. So arrays are views on a shared chunk, handed out once each: fresh memory is
// zeroed, and a chunk is freed by the garbage collector when no view on it is left alive.

const chunkBytes = 256 * 1024;
/** Larger arrays get memory of their own: the fixed cost is small next to filling them. */
const ownBytes = chunkBytes / 8;

let chunk = new ArrayBuffer(chunkBytes);
let used = 0;

/** `bytes` of zeroed memory, 8-byte aligned: a buffer and the offset to view it at. */
function take(bytes: number): { buffer: ArrayBuffer; offset: number } {
  if (bytes > ownBytes) return { buffer: new ArrayBuffer(bytes), offset: 0 };
  let offset = (used + 7) & ~7;
  if (offset + bytes > chunkBytes) {
    chunk = new ArrayBuffer(chunkBytes);
    offset = 0;
  }
  used = offset + bytes;
  return { buffer: chunk, offset };
}

export function int32s(length: number, fill = 0): Int32Array {
  const { buffer, offset } = take(length * 4);
  const a = new Int32Array(buffer, offset, length);
  if (fill !== 0) a.fill(fill);
  return a;
}

export function uint8s(length: number, fill = 0): Uint8Array {
  const { buffer, offset } = take(length);
  const a = new Uint8Array(buffer, offset, length);
  if (fill !== 0) a.fill(fill);
  return a;
}

export function float64s(length: number, fill = 0): Float64Array {
  const { buffer, offset } = take(length * 8);
  const a = new Float64Array(buffer, offset, length);
  if (fill !== 0) a.fill(fill);
  return a;
}

/** A copy of `source` (what `slice()` gives, without memory of its own). */
export function copyOfInt32s(source: ArrayLike<number>): Int32Array {
  const a = int32s(source.length);
  a.set(source);
  return a;
}
