// Keeps the map's nodes apart. The force layout fitted into a small panel puts nodes on top of
// one another (40 pods and nodes in a 370 px phone panel); here every node claims a footprint,
// its disc and its label below it, and no two footprints overlap. A node whose place is taken
// moves to the nearest free place, preferring to stay in its layer (its column, or its row on a
// phone); when the panel is full, the drawing grows downwards and the panel scrolls, so nothing
// is ever drawn on something else or cut off. Greedy and ordered: the same input, the same map.
import type { Box } from './labels';
import type { Point } from './layout';

export interface Footprint {
  /** Width of the footprint. */
  width: number;
  /** From the node's centre left to the footprint's left edge; half the width if not given. */
  left?: number;
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
  // Claims by horizontal band: a place is checked against its neighbours only (a map of 400
  // nodes took 250 ms checking every claim).
  const band = 64;
  const bands = new Map<number, Box[]>();
  let lowest = area.top;
  const claim = (b: Box) => {
    for (let k = Math.floor(b.y / band); k <= Math.floor((b.y + b.height) / band); k++) {
      const list = bands.get(k);
      if (list) list.push(b);
      else bands.set(k, [b]);
    }
    lowest = Math.max(lowest, b.y + b.height);
  };
  const free = (b: Box) => {
    for (let k = Math.floor(b.y / band); k <= Math.floor((b.y + b.height) / band); k++)
      if (bands.get(k)?.some((t) => overlaps(t, b))) return false;
    return true;
  };
  for (const b of area.reserved ?? []) claim(b);
  const boxAt = (f: Footprint, x: number, y: number): Box => ({
    x: x - (f.left ?? f.width / 2),
    y: y - f.above,
    width: f.width,
    height: f.above + f.below,
  });
  // Moving across its layer is cheap, moving out of it dear: a column stays a column.
  const [costX, costY] = area.layers === 'columns' ? [3, 1] : [1, 3];
  for (const id of order) {
    const p = at.get(id);
    const f = footprints.get(id);
    if (!p || !f) continue;
    const left = f.left ?? f.width / 2;
    const minX = Math.ceil(left);
    const maxX = Math.max(minX, Math.floor(area.width - (f.width - left)));
    const minY = Math.ceil(area.top + f.above);
    const maxY = Math.max(minY, Math.floor(area.height - f.below));
    const want = {
      x: Math.min(Math.max(Math.round(p.x), minX), maxX),
      y: Math.min(Math.max(Math.round(p.y), minY), maxY),
    };
    // The search's lattice, a sixth of the footprint: fine enough to find a gap, coarse
    // enough that a crowded 1920 px presenter map is laid out in milliseconds.
    const step = Math.max(4, Math.round(Math.min(f.width, f.above + f.below) / 6));
    // Anchored at the wanted place, so a move along one axis keeps the other exactly.
    const fromX = want.x - Math.floor((want.x - minX) / step) * step;
    const fromY = want.y - Math.floor((want.y - minY) / step) * step;
    const search = (startY: number, toY: number): Point | null => {
      let best: Point | null = null;
      let bestCost = Infinity;
      for (let x = fromX; x <= maxX; x += step)
        for (let y = startY; y <= toY; y += step) {
          const cost = costX * Math.abs(x - want.x) + costY * Math.abs(y - want.y);
          if (cost < bestCost && free(boxAt(f, x, y))) {
            bestCost = cost;
            best = { x, y };
          }
        }
      return best;
    };
    const below = Math.ceil(lowest + f.above);
    const place = (free(boxAt(f, want.x, want.y)) ? want : null) ??
      // The nearest free place in the panel…
      search(fromY, maxY) ??
      // …else in the last rows of the drawing grown by one footprint (a gap beside an
      // earlier overflow first), else below everything: free by construction.
      search(
        fromY + Math.max(0, Math.floor((lowest - 2 * (f.above + f.below) - fromY) / step)) * step,
        below,
      ) ?? { x: want.x, y: below };
    claim(boxAt(f, place.x, place.y));
    out.set(id, place);
  }
  return { at: out, height: Math.ceil(Math.max(area.height, lowest)) };
}
