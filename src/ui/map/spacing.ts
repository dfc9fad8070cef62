// Keeps the map's nodes apart. The force layout fitted into a small panel puts nodes on top of
// one another (40 pods and nodes in a 370 px phone panel); here every node claims a footprint,
// its disc and its label below it, and no two footprints overlap. A node whose place is taken
// moves to the nearest free place, preferring to stay in its layer (its column, or its row on a
// phone); when the panel is full, the drawing grows downwards and the panel scrolls, so nothing
// is ever drawn on something else or cut off. Greedy and ordered: the same input, the same map.
import type { Box } from './labels';
import type { Point } from './layout';

export interface Footprint {
  /** Width of the footprint, centred on the node. */
  width: number;
  /** From the node's centre up to the footprint's top edge (positive). */
  above: number;
  /** From the node's centre down to the footprint's bottom edge (positive). */
  below: number;
}

export interface SpacingArea {
  width: number;
  height: number;
  /** Free margin at the top (where the zoom buttons are). */
  top: number;
  /** Layers run left to right (a landscape panel) or top to bottom (a phone). */
  layers: 'columns' | 'rows';
  /** Places no node may take (the zoom buttons' corner). */
  reserved?: readonly Box[];
}

export interface Spaced {
  at: Map<string, Point>;
  /** The drawing's height: the panel's, or more when the nodes need more. */
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Moves nodes, in `order` (first placed keep their place best), until no two footprints
 * overlap. Nodes missing from `order` keep their position and claim no place.
 */
export function separateNodes(
  at: ReadonlyMap<string, Point>,
  footprints: ReadonlyMap<string, Footprint>,
  order: readonly string[],
  area: SpacingArea,
): Spaced {
  const out = new Map(at);
  const taken: Box[] = [...(area.reserved ?? [])];
  const boxAt = (f: Footprint, x: number, y: number): Box => ({
    x: x - f.width / 2,
    y: y - f.above,
    width: f.width,
    height: f.above + f.below,
  });
  const free = (b: Box) => !taken.some((t) => overlaps(t, b));
  // Moving across its layer is cheap, moving out of it dear: a column stays a column.
  const [costX, costY] = area.layers === 'columns' ? [3, 1] : [1, 3];
  let bottom = area.height;
  for (const id of order) {
    const p = at.get(id);
    const f = footprints.get(id);
    if (!p || !f) continue;
    const minX = Math.ceil(f.width / 2);
    const maxX = Math.max(minX, Math.floor(area.width - f.width / 2));
    const minY = Math.ceil(area.top + f.above);
    const maxY = Math.max(minY, Math.floor(area.height - f.below));
    const want = {
      x: Math.min(Math.max(Math.round(p.x), minX), maxX),
      y: Math.min(Math.max(Math.round(p.y), minY), maxY),
    };
    // The search's lattice, a sixth of the footprint: fine enough to find a gap, coarse
    // enough that a crowded 1920 px presenter map is laid out in milliseconds.
    const step = Math.max(4, Math.round(Math.min(f.width, f.above + f.below) / 6));
    let best: Point | null = free(boxAt(f, want.x, want.y)) ? want : null;
    if (!best) {
      // Every lattice point of the panel where the footprint fits, nearest (by cost) first.
      let bestCost = Infinity;
      // Anchored at the wanted place, so a move along one axis keeps the other exactly.
      const fromX = want.x - Math.floor((want.x - minX) / step) * step;
      const fromY = want.y - Math.floor((want.y - minY) / step) * step;
      for (let x = fromX; x <= maxX; x += step)
        for (let y = fromY; y <= maxY; y += step) {
          const cost = costX * Math.abs(x - want.x) + costY * Math.abs(y - want.y);
          if (cost < bestCost && free(boxAt(f, x, y))) {
            bestCost = cost;
            best = { x, y };
          }
        }
    }
    // The panel is full: below everything placed so far, free by construction.
    best ??= {
      x: want.x,
      y: Math.ceil(Math.max(...taken.map((t) => t.y + t.height), area.top) + f.above),
    };
    const box = boxAt(f, best.x, best.y);
    taken.push(box);
    bottom = Math.max(bottom, box.y + box.height);
    out.set(id, best);
  }
  return { at: out, height: Math.ceil(bottom) };
}
