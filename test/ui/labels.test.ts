import { describe, expect, it } from 'vitest';
import {
  fitPositions,
  fitText,
  placeLabels,
  textWidth,
  type Box,
  type LabelInput,
} from '../../src/ui/map/labels';
import type { Point } from '../../src/ui/map/layout';

const sizes = { radius: 24, label: 13, detail: 12 };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Twelve long-named nodes crowded into two columns: the cloud-metadata map's worst case. */
const inputs: LabelInput[] = Array.from({ length: 12 }, (_v, i) => ({
  id: `n${i}`,
  label: i % 2 ? `system:serviceaccount:kube-system:node-${i}` : `instance metadata ${i}`,
  detail: i % 3 ? 'service account' : 'cloud',
  priority: i < 3 ? 1 : 0,
}));
const layout = new Map<string, Point>(
  inputs.map((n, i) => [n.id, { x: (i % 2) * 60, y: Math.floor(i / 2) * 15 }]),
);

function place(width: number, height: number) {
  const at = fitPositions(layout, width, height, sizes, 180);
  return { at, labels: placeLabels(inputs, at, sizes, { width, height }) };
}

describe('map labels', () => {
  it('never overlap each other or any node, at the sizes the page uses', () => {
    for (const [width, height] of [
      [560, 420],
      [900, 700],
      [360, 600],
    ] as const) {
      const { at, labels } = place(width, height);
      const boxes = [...labels.values()].map((l) => l.box);
      expect(boxes).toHaveLength(inputs.length);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          expect(overlap(boxes[i] as Box, boxes[j] as Box), `${width}x${height} ${i}/${j}`).toBe(
            false,
          );
      for (const box of boxes)
        for (const p of at.values())
          expect(overlap(box, { x: p.x - 24, y: p.y - 24, width: 48, height: 48 })).toBe(false);
    }
  });

  it('stay inside the panel where no place next to the node is: moved in, not cut off', () => {
    // A node near the left edge of a narrow panel: every place around it sticks out, as
    // "developers" did at 390 px (drawn as "levelopers").
    const node: LabelInput = {
      id: 'd',
      label: 'developers',
      detail: 'group',
      priority: 0,
    };
    const bounds = { width: 120, height: 300 };
    const placed = placeLabels([node], new Map([['d', { x: 20, y: 150 }]]), sizes, bounds);
    const { box, far } = placed.get('d')!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(bounds.width);
    expect(box.y + box.height).toBeLessThanOrEqual(bounds.height);
    expect(far).toBe(true);
  });

  it('with no free place in the panel, go below everything, within its width', () => {
    const one: LabelInput[] = [
      { id: 'a', label: 'system:unauthenticated', detail: 'group', priority: 0 },
    ];
    const at = new Map<string, Point>([['a', { x: 190, y: 50 }]]);
    const everything = { x: 0, y: 0, width: 200, height: 100 };
    const { box } = placeLabels(one, at, sizes, { width: 200, height: 100 }, [everything]).get(
      'a',
    )!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(200);
    expect(box.y).toBeGreaterThanOrEqual(100);
  });

  it('avoid the marks they are given (shields)', () => {
    const at = new Map<string, Point>([['a', { x: 100, y: 100 }]]);
    const shield = { x: 80, y: 126, width: 40, height: 30 };
    const one: LabelInput[] = [
      { id: 'a', label: 'API server', detail: 'kube-apiserver', priority: 0 },
    ];
    const free = placeLabels(one, at, sizes, { width: 400, height: 400 });
    expect(overlap(free.get('a')?.box as Box, shield)).toBe(true);
    const moved = placeLabels(one, at, sizes, { width: 400, height: 400 }, [shield]);
    expect(overlap(moved.get('a')?.box as Box, shield)).toBe(false);
  });

  it("keep a neighbour's place below its node free when their own is taken", () => {
    // A's place below is under a shield and its place above under another: it must go beside
    // its node. To its right lies B's place below B; to its left, nothing.
    const inputs: LabelInput[] = [
      { id: 'a', label: 'API server', detail: 'kube-apiserver', priority: 1 },
      { id: 'b', label: 'developers', detail: 'group', priority: 0 },
    ];
    const at = new Map<string, Point>([
      ['a', { x: 250, y: 200 }],
      ['b', { x: 330, y: 140 }],
    ]);
    const shields: Box[] = [
      { x: 230, y: 226, width: 40, height: 30 },
      { x: 230, y: 150, width: 40, height: 24 },
    ];
    const placed = placeLabels(inputs, at, sizes, { width: 600, height: 400 }, shields);
    // B's label in its own place, below B; A's beside A, on the free side.
    expect(placed.get('b')?.box.y).toBeGreaterThan(140);
    expect(placed.get('a')?.far).toBe(false);
    expect(placed.get('a')?.anchor).toBe('end');
  });

  it('are cut with an ellipsis when wider than the room they have, and kept whole otherwise', () => {
    const long = 'can:node-agents:create::pods/exec:node-debugger';
    const cut = fitText(long, 13, 180);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(textWidth(cut, 13)).toBeLessThanOrEqual(180);
    expect(fitText('developers', 13, 180)).toBe('developers');
  });

  it("go on the node's right first on a phone, and the layout keeps no room above and below for them", () => {
    const one: LabelInput[] = [
      { id: 'a', label: 'API server', detail: 'kube-apiserver', priority: 0 },
    ];
    const at = new Map<string, Point>([['a', { x: 100, y: 100 }]]);
    const placed = placeLabels(one, at, sizes, { width: 400, height: 400 }, [], 'right');
    expect(placed.get('a')).toMatchObject({ anchor: 'start', far: false });
    expect(placed.get('a')?.box.x).toBeGreaterThan(100 + 24);
    const column = new Map<string, Point>([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 10, y: 1000 }],
    ]);
    const below = fitPositions(column, 350, 426, sizes, 180);
    const beside = fitPositions(column, 350, 426, sizes, 180, true);
    expect(beside.get('a')!.y).toBeLessThan(below.get('a')!.y);
    expect(beside.get('b')!.y).toBeGreaterThan(below.get('b')!.y);
  });

  it('are placed the same way every time (seeded, deterministic)', () => {
    expect(place(560, 420)).toEqual(place(560, 420));
  });

  it('fit the layout into the panel, keeping room for the labels', () => {
    const at = fitPositions(layout, 560, 420, sizes, 180);
    for (const p of at.values()) {
      expect(p.x).toBeGreaterThanOrEqual(24);
      expect(p.x).toBeLessThanOrEqual(560 - 24);
      expect(p.y).toBeGreaterThanOrEqual(24);
      expect(p.y).toBeLessThanOrEqual(420 - 24);
    }
  });
});
