import { float64s, int32s } from '../typedArrays';

/** A binary heap of (priority, value) pairs, smallest priority first, in typed arrays. */
export class MinHeap {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  size = 0;

  /** `capacity`: how many pairs it may ever hold at once. */
  constructor(capacity: number) {
    this.keys = float64s(capacity);
    this.values = int32s(capacity);
  }

  push(key: number, value: number): void {
    const { keys, values } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  /** Removes the smallest pair and returns its value (`topKey` gives its priority). */
  pop(): number {
    const { keys, values } = this;
    const top = values[0]!;
    const size = --this.size;
    if (size > 0) {
      const lastKey = keys[size]!;
      const lastValue = values[size]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        let smallestKey = lastKey;
        if (l < size && keys[l]! < smallestKey) {
          smallest = l;
          smallestKey = keys[l]!;
        }
        if (r < size && keys[r]! < smallestKey) smallest = r;
        if (smallest === i) break;
        keys[i] = keys[smallest]!;
        values[i] = values[smallest]!;
        i = smallest;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

/** The heap `sharedHeap` hands out, grown when a use needs more room. */
let shared = new MinHeap(0);
let sharedCapacity = 0;

/**
 * An empty heap of at least `capacity`, the same one for every use that asks: the landmark
 * cut, the relaxed plan and its second layer each need one sized by the rules (2.3 MB on
 * layered manifests of 10,000 objects), and one of their own each was three of them per goal
 * outside V8's heap, whose growth set off collections of the whole heap ("external memory
 * pressure"). Only for uses that empty it before they return or pause: the next use, in any
 * problem, starts from nothing.
 */
export function sharedHeap(capacity: number): MinHeap {
  if (capacity > sharedCapacity) {
    shared = new MinHeap(capacity);
    sharedCapacity = capacity;
  }
  shared.size = 0;
  return shared;
}
