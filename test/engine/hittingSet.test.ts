import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HittingSets } from '../../src/engine/tolerance/hittingSet';

// The solver's branch and bound, on its own: exact against brute force, deterministic, and
// the same whether cores and blocks come all at once or between searches (its indexes
// live across the solver's rounds).

const costsOf = (n: number) => Array.from({ length: n }, (_, i) => 1 + (i % 3) * 0.5);

function bruteForce(
  n: number,
  costs: readonly number[],
  cores: readonly number[][],
  blocks: readonly number[][],
  limit: number,
): number | undefined {
  let best: number | undefined;
  for (let mask = 0; mask < 1 << n; mask++) {
    const has = (e: number) => (mask & (1 << e)) !== 0;
    if (!cores.every((c) => c.some(has))) continue;
    if (blocks.some((b) => b.every(has))) continue;
    let cost = 0;
    for (let e = 0; e < n; e++) if (has(e)) cost += costs[e]!;
    if (cost <= limit && (best === undefined || cost < best)) best = cost;
  }
  return best;
}

const subset = (n: number, minLength = 0) =>
  fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength, maxLength: n });

const instance = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    cores: fc.array(subset(n), { maxLength: 6 }),
    // Blocks are reported solutions, never empty (the goal does not hold today).
    blocks: fc.array(subset(n, 1), { maxLength: 3 }),
    limit: fc.constantFrom(Infinity, 1, 2, 3.5),
  }),
);

function build(costs: readonly number[], cores: number[][], blocks: number[][]): HittingSets {
  const sets = new HittingSets(costs);
  for (const c of cores) sets.addCore(c);
  for (const b of blocks) sets.addBlock(b);
  return sets;
}

describe('HittingSets', () => {
  it('finds a cheapest set hitting every core, blocked by none, within the limit', () => {
    fc.assert(
      fc.property(instance, ({ n, cores, blocks, limit }) => {
        const costs = costsOf(n);
        const hit = build(costs, cores, blocks).cheapest(limit, { nodes: 1e6 });
        expect(hit).not.toBe('budget');
        const expected = bruteForce(n, costs, cores, blocks, limit);
        if (expected === undefined) {
          expect(hit).toBeUndefined();
          return;
        }
        if (hit === undefined || hit === 'budget') throw new Error('no set found');
        expect(hit.cost).toBeCloseTo(expected, 9);
        const chosen = new Set(hit.set);
        for (const c of cores) expect(c.some((e) => chosen.has(e))).toBe(true);
        for (const b of blocks) expect(b.every((e) => chosen.has(e))).toBe(false);
        expect(hit.set).toEqual([...chosen].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer when cores and blocks arrive between searches', () => {
    fc.assert(
      fc.property(instance, ({ n, cores, blocks, limit }) => {
        const costs = costsOf(n);
        const growing = new HittingSets(costs);
        for (const c of cores) {
          growing.cheapest(limit, { nodes: 1e6 });
          growing.addCore(c);
        }
        for (const b of blocks) {
          growing.cheapest(limit, { nodes: 1e6 });
          growing.addBlock(b);
        }
        const fresh = build(costs, cores, blocks).cheapest(limit, { nodes: 1e6 });
        expect(growing.cheapest(limit, { nodes: 1e6 })).toEqual(fresh);
      }),
      { numRuns: 200 },
    );
  });

  it('breaks ties by the smallest core first, then element order', () => {
    const sets = build(
      [1, 1, 1, 1],
      [
        [3, 2],
        [1, 2, 3],
        [0, 1, 2, 3],
      ],
      [],
    );
    expect(sets.cheapest(Infinity, { nodes: 100 })).toEqual({ set: [2], cost: 1 });
    sets.addBlock([2]);
    expect(sets.cheapest(Infinity, { nodes: 100 })).toEqual({ set: [3], cost: 1 });
    sets.addBlock([3]);
    // Every set hitting [3, 2] now contains a block.
    expect(sets.cheapest(Infinity, { nodes: 100 })).toBeUndefined();

    const pairs = build(
      [1, 1, 1, 1],
      [
        [1, 0],
        [3, 2],
      ],
      [],
    );
    expect(pairs.cheapest(Infinity, { nodes: 100 })).toEqual({ set: [0, 2], cost: 2 });
    pairs.addBlock([0, 2]);
    expect(pairs.cheapest(Infinity, { nodes: 100 })).toEqual({ set: [0, 3], cost: 2 });
    expect(pairs.cheapest(1, { nodes: 100 })).toBeUndefined();
  });

  it('says when its node budget runs out, and spends it across searches', () => {
    const sets = build(
      [1, 1, 1, 1],
      [
        [0, 1],
        [2, 3],
      ],
      [[0, 2]],
    );
    const budget = { nodes: 2 };
    expect(sets.cheapest(Infinity, budget)).toBe('budget');
    expect(budget.nodes).toBeLessThan(0);
  });
});

/**
 * A monotone "reaches" over `n` elements: a set reaches when it holds one of `ways`. Its
 * minimal reaching sets are the minimal ways, the sets the solver's loops list.
 */
function minimalWays(ways: readonly number[][]): number[][] {
  const sorted = ways.map((w) => [...new Set(w)].sort((a, b) => a - b));
  return sorted.filter(
    (w, i) =>
      !sorted.some(
        (o, j) => j !== i && o.every((e) => w.includes(e)) && (o.length < w.length || j < i),
      ),
  );
}

describe('HittingSets.enumerate', () => {
  // The solver's loop at MUT + 1, against brute force: each set given either reaches (its
  // minimal part is listed and blocked) or is refuted by a core grown from it (the elements
  // that complete a maximal set that still fails). Run to 'done', the list is every minimal
  // reaching set within the limit, each once, whatever the cores and blocks given before.
  const problem = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      ways: fc.array(subset(n, 1), { minLength: 1, maxLength: 5 }),
      blocked: fc.nat({ max: 2 }),
      limit: fc.constantFrom(1, 2, 2.5, 3.5, Infinity),
    }),
  );

  it('lists every minimal reaching set within the limit, each once, refuting the rest', () => {
    fc.assert(
      fc.property(problem, ({ n, ways, blocked, limit }) => {
        const costs = costsOf(n);
        const minimal = minimalWays(ways);
        const reaches = (set: readonly number[]) =>
          minimal.some((w) => w.every((e) => set.includes(e)));
        const cost = (set: readonly number[]) => set.reduce((s, e) => s + costs[e]!, 0);
        const sets = new HittingSets(costs);
        // Some listed before, as the sampling lists them, and blocked.
        const listed = minimal.slice(0, blocked);
        for (const w of listed) sets.addBlock(w);
        const all = Array.from({ length: n }, (_, e) => e);
        const enumeration = sets.enumerate(limit, { nodes: 1e6 });
        for (let given = 0; ; given++) {
          expect(given).toBeLessThan(1000);
          const hit = enumeration.next();
          expect(hit).not.toBe('budget');
          if (hit === 'done' || hit === 'budget') break;
          expect(hit.cost).toBeLessThanOrEqual(limit);
          expect(hit.cost).toBeCloseTo(cost(hit.set), 9);
          if (reaches(hit.set)) {
            const part = minimal.find((w) => w.every((e) => hit.set.includes(e)))!;
            expect(listed).not.toContainEqual(part);
            listed.push(part);
            sets.addBlock(part);
          } else {
            const grown = [...hit.set];
            for (const e of all) if (!grown.includes(e) && !reaches([...grown, e])) grown.push(e);
            sets.addCore(all.filter((e) => !grown.includes(e)));
          }
        }
        const expected = minimal.filter((w) => cost(w) <= limit + 1e-9);
        const key = (s: readonly number[]) => s.join(',');
        expect(listed.map(key).sort()).toEqual(
          [...new Set([...expected, ...minimal.slice(0, blocked)].map(key))].sort(),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same sets in the same order every time', () => {
    const run = () => {
      const sets = build(
        [1, 1, 1, 1, 1],
        [
          [0, 1, 2],
          [2, 3, 4],
        ],
        [[2]],
      );
      const out: number[][] = [];
      const e = sets.enumerate(2, { nodes: 100 });
      for (let hit = e.next(); typeof hit !== 'string'; hit = e.next()) {
        out.push(hit.set);
        sets.addBlock(hit.set);
      }
      return out;
    };
    expect(run()).toEqual([
      [0, 3],
      [0, 4],
      [1, 3],
      [1, 4],
    ]);
    expect(run()).toEqual(run());
  });

  it('says when its node budget runs out', () => {
    const sets = build(
      [1, 1, 1, 1],
      [
        [0, 1],
        [2, 3],
      ],
      [],
    );
    const e = sets.enumerate(Infinity, { nodes: 1 });
    expect(e.next()).toBe('budget');
  });
});
