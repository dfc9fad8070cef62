/**
 * A map read through to a shared base: `own` first, then `base`, iterated as
 * `new Map(base)` followed by `set` for each of `own`'s entries would be (a key of both keeps
 * the base's place, with own's value). The bootstrap policy's roles are the base of every
 * analysis that leaves them as they are; copying them into a map per analysis was a fixed
 * cost of each small cluster's analysis.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly own: ReadonlyMap<K, V>,
  ) {}

  get size(): number {
    let size = this.base.size;
    for (const k of this.own.keys()) if (!this.base.has(k)) size++;
    return size;
  }

  get(key: K): V | undefined {
    const v = this.own.get(key);
    return v !== undefined || this.own.has(key) ? v : this.base.get(key);
  }

  has(key: K): boolean {
    return this.own.has(key) || this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) yield [k, this.own.has(k) ? (this.own.get(k) as V) : v];
    for (const [k, v] of this.own) if (!this.base.has(k)) yield [k, v];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}
