import { describe, expect, it } from 'vitest';
import type { Box } from '../../src/ui/map/labels';
import type { Point } from '../../src/ui/map/layout';
import { separateNodes, type Footprint } from '../../src/ui/map/spacing';

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const footprint: Footprint = { width: 120, above: 28, below: 70 };
const boxOf = (p: Point): Box => ({
  x: p.x - footprint.width / 2,
  y: p.y - footprint.above,
  width: footprint.width,
  height: footprint.above + footprint.below,
});

/** Forty nodes fitted into a phone's panel nearly on top of one another: container-escapes. */
const crowd = new Map<string, Point>(
  Array.from({ length: 40 }, (_v, i) => [`n${i}`, { x: 180 + (i % 5) * 3, y: 200 + i * 2 }]),
);
const ids = [...crowd.keys()];
const footprints = new Map([...ids, 'a', 'b'].map((id) => [id, footprint]));

describe('separateNodes', () => {
  it('leaves no two footprints overlapping, inside the width, growing the height as needed', () => {
    const area = { width: 370, height: 440, top: 0, layers: 'rows' as const };
    const { at, height } = separateNodes(crowd, footprints, ids, area);
    const boxes = ids.map((id) => boxOf(at.get(id)!));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        expect(overlap(boxes[i]!, boxes[j]!), `${ids[i]} / ${ids[j]}`).toBe(false);
    for (const box of boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(370);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(height);
    }
    // Forty footprints of 120×98 px cannot fit in 370×440: the drawing grew.
    expect(height).toBeGreaterThan(440);
  });

  it('keeps nodes that are already apart where they are, and keeps out of reserved places', () => {
    const apart = new Map<string, Point>([
      ['a', { x: 100, y: 100 }],
      ['b', { x: 300, y: 100 }],
    ]);
    const area = { width: 500, height: 400, top: 0, layers: 'columns' as const };
    expect(separateNodes(apart, footprints, ['a', 'b'], area).at).toEqual(apart);
    const corner = { x: 250, y: 0, width: 250, height: 200 };
    const moved = separateNodes(apart, footprints, ['a', 'b'], { ...area, reserved: [corner] });
    expect(moved.at.get('a')).toEqual({ x: 100, y: 100 });
    expect(overlap(boxOf(moved.at.get('b')!), corner)).toBe(false);
  });

  it('moves a crowded node along its layer first (a column stays a column)', () => {
    const pair = new Map<string, Point>([
      ['a', { x: 200, y: 150 }],
      ['b', { x: 200, y: 160 }],
    ]);
    const area = { width: 600, height: 600, top: 0, layers: 'columns' as const };
    const { at } = separateNodes(pair, footprints, ['a', 'b'], area);
    expect(at.get('b')!.x).toBe(200);
    expect(Math.abs(at.get('b')!.y - 150)).toBeGreaterThanOrEqual(98);
    expect(overlap(boxOf(at.get('a')!), boxOf(at.get('b')!))).toBe(false);
  });

  it('keeps a footprint that reaches further right than left (a label beside its node) inside', () => {
    const side: Footprint = { left: 28, width: 250, above: 30, below: 30 };
    const one = new Map<string, Point>([['s', { x: 300, y: 100 }]]);
    const { at } = separateNodes(one, new Map([['s', side]]), ['s'], {
      width: 350,
      height: 400,
      top: 0,
      layers: 'rows',
    });
    expect(at.get('s')!.x - 28).toBeGreaterThanOrEqual(0);
    expect(at.get('s')!.x - 28 + 250).toBeLessThanOrEqual(350);
  });

  it('gives the same places every time', () => {
    const area = { width: 370, height: 440, top: 0, layers: 'rows' as const };
    expect(separateNodes(crowd, footprints, ids, area)).toEqual(
      separateNodes(crowd, footprints, ids, area),
    );
  });
});
