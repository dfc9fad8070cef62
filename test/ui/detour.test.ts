import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alongWay, detour, type Disc, type Point } from '../../src/ui/map/detour';

/** Whether the segment from p to q passes within the disc (sampled finely). */
function meets(p: Point, q: Point, d: Disc): boolean {
  for (let i = 0; i <= 200; i++) {
    const t = i / 200;
    if (Math.hypot(p.x + (q.x - p.x) * t - d.x, p.y + (q.y - p.y) * t - d.y) < d.r - 1e-9)
      return true;
  }
  return false;
}
const clear = (way: Point[], discs: Disc[]) =>
  way.slice(1).every((q, i) => discs.every((d) => !meets(way[i]!, q, d)));

describe('a detour around nodes', () => {
  it('goes straight when nothing is in the way', () => {
    const way = detour({ x: 10, y: 10 }, { x: 200, y: 10 }, [{ x: 100, y: 100, r: 30 }], 300, 300);
    expect(way).toEqual([
      { x: 10, y: 10 },
      { x: 200, y: 10 },
    ]);
  });

  it('turns around a node on the straight line, and touches none', () => {
    const discs = [{ x: 100, y: 50, r: 30 }];
    const way = detour({ x: 10, y: 50 }, { x: 200, y: 50 }, discs, 300, 200)!;
    expect(way.length).toBeGreaterThan(2);
    expect(way[0]).toEqual({ x: 10, y: 50 });
    expect(way[way.length - 1]).toEqual({ x: 200, y: 50 });
    expect(clear(way, discs)).toBe(true);
  });

  it('finds the gap in a column of nodes (the phone layout the arcs could not pass)', () => {
    // Internet → dave with carol on the line and others on both sides, as drawn at 390×844.
    const discs = [
      { x: 61, y: 98, r: 30 },
      { x: 32, y: 216, r: 30 },
      { x: 117, y: 156, r: 30 },
      { x: 136, y: 215, r: 30 },
      { x: 166, y: 100, r: 30 },
    ];
    const way = detour({ x: 94, y: 32 }, { x: 53, y: 272 }, discs, 350, 590)!;
    expect(way).not.toBeNull();
    expect(clear(way, discs)).toBe(true);
  });

  it('gives up when the end is walled in', () => {
    const ring = Array.from({ length: 16 }, (_, i) => ({
      x: 150 + 60 * Math.cos((i * Math.PI) / 8),
      y: 150 + 60 * Math.sin((i * Math.PI) / 8),
      r: 20,
    }));
    expect(detour({ x: 10, y: 10 }, { x: 150, y: 150 }, ring, 300, 300)).toBeNull();
  });

  it('steps between grid cells do not graze a disc (a counterexample of the property below)', () => {
    const discs = [{ x: 125, y: 115, r: 19 }];
    expect(clear(detour({ x: 0, y: 0 }, { x: 128, y: 146 }, discs, 300, 300)!, discs)).toBe(true);
  });

  it('any way it returns keeps out of every disc and inside the drawing', () => {
    const point = fc.record({
      x: fc.integer({ min: 0, max: 299 }),
      y: fc.integer({ min: 0, max: 299 }),
    });
    fc.assert(
      fc.property(
        point,
        point,
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 299 }),
            y: fc.integer({ min: 0, max: 299 }),
            r: fc.integer({ min: 5, max: 40 }),
          }),
          { maxLength: 8 },
        ),
        (from, to, all) => {
          const discs = all.filter(
            (d) =>
              Math.hypot(d.x - from.x, d.y - from.y) > d.r + 12 &&
              Math.hypot(d.x - to.x, d.y - to.y) > d.r + 12,
          );
          const way = detour(from, to, discs, 300, 300);
          if (!way) return;
          expect(way[0]).toEqual(from);
          expect(way[way.length - 1]).toEqual(to);
          expect(way.every((p) => p.x >= 0 && p.x <= 300 && p.y >= 0 && p.y <= 300)).toBe(true);
          expect(clear(way, discs)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('measures a point along the way by length', () => {
    const way = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 30 },
    ];
    expect(alongWay(way, 0)).toEqual({ x: 0, y: 0 });
    expect(alongWay(way, 0.5)).toEqual({ x: 10, y: 10 });
    expect(alongWay(way, 1)).toEqual({ x: 10, y: 30 });
  });
});
