import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../src/engine/authz/layeredMap';

// The roles of an analysis read the bootstrap policy's through instead of copying them: the
// view must answer and iterate as the copy did (`new Map(base)`, then own's entries set).
describe('LayeredMap', () => {
  const cases: [string, [string, number][], [string, number][]][] = [
    [
      'disjoint',
      [
        ['a', 1],
        ['b', 2],
      ],
      [['c', 3]],
    ],
    [
      'own replaces a base key in its place',
      [
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ],
      [
        ['d', 4],
        ['b', 20],
      ],
    ],
    ['empty own', [['a', 1]], []],
    ['empty base', [], [['a', 1]]],
    ['undefined as a value', [['a', 1]], [['a', undefined as unknown as number]]],
  ];
  for (const [name, base, own] of cases)
    it(name, () => {
      const copy = new Map(base);
      for (const [k, v] of own) copy.set(k, v);
      const view = new LayeredMap(new Map(base), new Map(own));
      expect([...view]).toEqual([...copy]);
      expect([...view.keys()]).toEqual([...copy.keys()]);
      expect([...view.values()]).toEqual([...copy.values()]);
      expect(view.size).toBe(copy.size);
      for (const k of ['a', 'b', 'c', 'd', 'e']) {
        expect(view.get(k)).toBe(copy.get(k));
        expect(view.has(k)).toBe(copy.has(k));
      }
      const seen: [string, number][] = [];
      view.forEach((v, k) => seen.push([k, v]));
      expect(seen).toEqual([...copy]);
    });
});
