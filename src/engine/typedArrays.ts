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

/**
 * Memory kept from one use to the next, by slot (`scratchSlot`), for arrays sized to the graph
 * that a computation drops before it returns: the attack lengths' and the witness's proofs,
 * the searches backwards from a goal. A cluster dump's goal made about 80 MB of them, and
 * garbage collection was a quarter of a dump's analysis. An array of a slot is valid until
 * the next one asked of the same slot: whoever asks must be done with the last. Kept at the
 * largest size asked, as the relaxed plans' arrays are (solve.ts, `keptPlan`).
 */
const kept: ArrayBuffer[] = [];
let slots = 0;

/** A slot of its own, for one array that a computation keeps no longer than it runs. */
export function scratchSlot(): number {
  return slots++;
}

function keptBuffer(slot: number, bytes: number): ArrayBuffer {
  let buffer = kept[slot];
  if (buffer === undefined || buffer.byteLength < bytes) {
    buffer = new ArrayBuffer(Math.max(64, bytes));
    kept[slot] = buffer;
  }
  return buffer;
}

/**
 * `length` numbers set to `fill`, on the slot's memory; without `fill`, as the slot's last
 * user left them (for arrays read only where the reader wrote first).
 */
export function scratchInt32s(slot: number, length: number, fill?: number): Int32Array {
  const a = new Int32Array(keptBuffer(slot, length * 4), 0, length);
  return fill === undefined ? a : a.fill(fill);
}

export function scratchUint8s(slot: number, length: number, fill?: number): Uint8Array {
  const a = new Uint8Array(keptBuffer(slot, length), 0, length);
  return fill === undefined ? a : a.fill(fill);
}

export function scratchFloat64s(slot: number, length: number, fill?: number): Float64Array {
  const a = new Float64Array(keptBuffer(slot, length * 8), 0, length);
  return fill === undefined ? a : a.fill(fill);
}
