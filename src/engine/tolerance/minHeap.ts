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
