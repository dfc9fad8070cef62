// A way for an edge around the nodes it does not join, when no gentle arc misses them all (a
// dense column of nodes on a phone). A* over a grid of the drawing, the nodes' discs and their
// labels' boxes (grown by a margin) blocked, then only the turns that a straight line cannot
// skip: few waypoints, each in the open.

import type { Box } from './labels';

export interface Point {
  x: number;
  y: number;
}

export interface Disc extends Point {
  r: number;
}

/** What an edge keeps out of: a node's disc or a label's box. */
export type Obstacle = Disc | Box;

const isDisc = (o: Obstacle): o is Disc => 'r' in o;

/** How far p is from the box (0 inside it). */
export function distanceToBox(p: Point, b: Box): number {
  const dx = Math.max(b.x - p.x, 0, p.x - (b.x + b.width));
  const dy = Math.max(b.y - p.y, 0, p.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

const neighbours = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
] as const;

/** Whether the segment from p to q passes within a disc or through a box. */
function segmentMeets(p: Point, q: Point, o: Obstacle): boolean {
  return isDisc(o) ? segmentMeetsDisc(p, q, o) : segmentMeetsBox(p, q, o);
}

function segmentMeetsDisc(p: Point, q: Point, d: Disc): boolean {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const length = dx * dx + dy * dy;
  const t =
    length === 0 ? 0 : Math.max(0, Math.min(1, ((d.x - p.x) * dx + (d.y - p.y) * dy) / length));
  return Math.hypot(p.x + t * dx - d.x, p.y + t * dy - d.y) < d.r;
}

/** Whether the segment from p to q enters the box (clipped to it, as Liang and Barsky do). */
function segmentMeetsBox(p: Point, q: Point, b: Box): boolean {
  let enter = 0;
  let leave = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const sides: [number, number][] = [
    [-dx, p.x - b.x],
    [dx, b.x + b.width - p.x],
    [-dy, p.y - b.y],
    [dy, b.y + b.height - p.y],
  ];
  for (const [towards, room] of sides) {
    if (towards === 0) {
      if (room < 0) return false;
      continue;
    }
    const t = room / towards;
    if (towards < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    if (enter > leave) return false;
  }
  return true;
}

/**
 * The points from `from` to `to` (both included) of a way that keeps out of every disc and
 * box, inside `width` × `height`; null when there is none on a grid of `cell` px.
 */
export function detour(
  from: Point,
  to: Point,
  discs: readonly Obstacle[],
  width: number,
  height: number,
  cell = 8,
  /** The radius around `from` and `to` that stays open (their own nodes' discs). */
  ends = 0,
): Point[] | null {
  const columns = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const centre = (i: number): Point => ({
    x: (i % columns) * cell + cell / 2,
    y: Math.floor(i / columns) * cell + cell / 2,
  });
  const index = (p: Point) =>
    Math.min(rows - 1, Math.max(0, Math.floor(p.y / cell))) * columns +
    Math.min(columns - 1, Math.max(0, Math.floor(p.x / cell)));
  // A cell is blocked when its centre is nearer a disc than its radius and half a cell's
  // diagonal: a step between two free neighbours then stays out of every disc (a diagonal
  // step past a disc's edge had grazed it).
  const blocked = new Uint8Array(columns * rows);
  const grow = cell * Math.SQRT1_2;
  /** Marks blocked (1) or open (0) every cell whose centre is within `r` of `p`. */
  const setWithin = (p: Point, r: number, value: number) => {
    const reach = Math.ceil(r / cell) + 1;
    const [cx, cy] = [Math.floor(p.x / cell), Math.floor(p.y / cell)];
    for (let y = Math.max(0, cy - reach); y <= Math.min(rows - 1, cy + reach); y++)
      for (let x = Math.max(0, cx - reach); x <= Math.min(columns - 1, cx + reach); x++) {
        const c = centre(y * columns + x);
        if (Math.hypot(c.x - p.x, c.y - p.y) < r) blocked[y * columns + x] = value;
      }
  };
  for (const d of discs) {
    if (!isDisc(d)) {
      const [left, top] = [Math.floor((d.x - grow) / cell), Math.floor((d.y - grow) / cell)];
      const right = Math.ceil((d.x + d.width + grow) / cell);
      const bottom = Math.ceil((d.y + d.height + grow) / cell);
      for (let y = Math.max(0, top); y <= Math.min(rows - 1, bottom); y++)
        for (let x = Math.max(0, left); x <= Math.min(columns - 1, right); x++)
          if (distanceToBox(centre(y * columns + x), d) < grow) blocked[y * columns + x] = 1;
      continue;
    }
    setWithin(d, d.r + grow, 1);
  }
  const start = index(from);
  const goal = index(to);
  blocked[start] = 0;
  blocked[goal] = 0;
  // The ends' own discs are the edge's to cross: a label beside one, grown by the margins,
  // must not wall it in.
  for (const end of [from, to]) setWithin(end, ends, 0);
  const target = centre(goal);
  const cost = new Float64Array(columns * rows).fill(Infinity);
  const came = new Int32Array(columns * rows).fill(-1);
  const done = new Uint8Array(columns * rows);
  // A binary heap of [estimate, cell]: the open cells, cheapest estimate first.
  const heap: [number, number][] = [];
  const push = (entry: [number, number]) => {
    heap.push(entry);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (heap[parent]![0] <= heap[i]![0]) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let least = i;
        if (l < heap.length && heap[l]![0] < heap[least]![0]) least = l;
        if (r < heap.length && heap[r]![0] < heap[least]![0]) least = r;
        if (least === i) break;
        [heap[least], heap[i]] = [heap[i]!, heap[least]!];
        i = least;
      }
    }
    return top;
  };
  cost[start] = 0;
  push([0, start]);
  while (heap.length > 0) {
    const [, at] = pop();
    if (done[at]) continue;
    done[at] = 1;
    if (at === goal) break;
    const [x, y] = [at % columns, Math.floor(at / columns)];
    for (const [dx, dy] of neighbours) {
      const [nx, ny] = [x + dx, y + dy];
      if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) continue;
      const next = ny * columns + nx;
      if (blocked[next] || done[next]) continue;
      const step = cost[at]! + (dx !== 0 && dy !== 0 ? Math.SQRT2 : 1) * cell;
      if (step >= cost[next]!) continue;
      cost[next] = step;
      came[next] = at;
      const c = centre(next);
      push([step + Math.hypot(c.x - target.x, c.y - target.y), next]);
    }
  }
  if (!done[goal]) return null;
  const cells: Point[] = [];
  for (let at = came[goal]!; at !== -1 && at !== start; at = came[at]!) cells.unshift(centre(at));
  // Keep a point only where the line from the last kept one to the next cannot go straight.
  const way: Point[] = [from];
  const path = [...cells, to];
  for (let i = 0; i < path.length - 1; i++) {
    const last = way[way.length - 1]!;
    if (discs.some((d) => segmentMeets(last, path[i + 1]!, d))) way.push(path[i]!);
  }
  way.push(to);
  return way;
}

/** The point at `t` (0 to 1) of the length of the polyline through `points`. */
export function alongWay(points: readonly Point[], t: number): Point {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y));
  let left = t * lengths.reduce((sum, l) => sum + l, 0);
  for (const [i, l] of lengths.entries()) {
    if (left <= l || i === lengths.length - 1) {
      const f = l === 0 ? 0 : Math.min(1, left / l);
      const [p, q] = [points[i]!, points[i + 1]!];
      return { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f };
    }
    left -= l;
  }
  return points[0]!;
}
