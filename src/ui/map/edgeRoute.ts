// How an edge of the map is drawn: the usual gentle arc upwards, or, when that arc passes
// behind a node that is not one of its ends (Internet → API server drawn through the VPN,
// which read as "the attack goes through the VPN"), the least bend to either side that clears
// every node; failing that, a way around them turn by turn (detour.ts). Other nodes' labels
// are kept clear the same way: an edge under a label struck its words through (the Internet →
// API server edge under the VPN's "remote access" in presenter mode).

import { alongWay, detour, distanceToBox, type Point } from './detour';
import type { Box } from './labels';

/** An edge's drawing: an arc bent towards a control point, or a way turn by turn. */
export type Route = { control: Point } | { way: Point[] };

/** The point at `t` of the quadratic curve from a to b bent towards c. */
function quad(a: Point, c: Point, b: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * a.x + 2 * t * u * c.x + t * t * b.x,
    y: u * u * a.y + 2 * t * u * c.y + t * t * b.y,
  };
}

/** Room kept between an edge and a label's box. */
const labelMargin = 3;

/**
 * The route from a to b keeping `clearance` from every point of `others` (the other nodes'
 * centres) and out of every box of `labels` (the other nodes' labels), inside the drawing of
 * `width` × `height`.
 */
export function routeEdge(
  a: Point,
  b: Point,
  others: readonly Point[],
  clearance: number,
  width: number,
  height: number,
  labels: readonly Box[] = [],
): Route {
  /**
   * By how much the curve misses every node near it, and every label (negative: it meets
   * one).
   */
  const gap = (c: Point): { nodes: number; labels: number } => {
    const left = Math.min(a.x, b.x, c.x) - clearance;
    const right = Math.max(a.x, b.x, c.x) + clearance;
    const top = Math.min(a.y, b.y, c.y) - clearance;
    const bottom = Math.max(a.y, b.y, c.y) + clearance;
    const near = others.filter((p) => p.x >= left && p.x <= right && p.y >= top && p.y <= bottom);
    const nearLabels = labels.filter(
      (l) => l.x <= right && l.x + l.width >= left && l.y <= bottom && l.y + l.height >= top,
    );
    // Samples closer than a node's radius or a label's height, so none slips between two.
    const steps = Math.max(
      20,
      Math.ceil((Math.hypot(c.x - a.x, c.y - a.y) + Math.hypot(b.x - c.x, b.y - c.y)) / 6),
    );
    const least = { nodes: Infinity, labels: Infinity };
    for (let i = 1; i < steps && near.length + nearLabels.length > 0; i++) {
      const q = quad(a, c, b, i / steps);
      for (const p of near)
        least.nodes = Math.min(least.nodes, Math.hypot(p.x - q.x, p.y - q.y) - clearance);
      for (const l of nearLabels)
        least.labels = Math.min(least.labels, distanceToBox(q, l) - labelMargin);
    }
    return least;
  };
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const arcs = [{ x: mid.x, y: mid.y - Math.min(40, Math.abs(b.x - a.x) * 0.15) }];
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  let nx = -(b.y - a.y) / length;
  let ny = (b.x - a.x) / length;
  if (ny > 0) [nx, ny] = [-nx, -ny];
  // A quadratic curve reaches half its control point's distance from the chord; the control
  // point also slides along the chord, to pass a node nearer one end.
  for (const k of [60, -60, 100, -100, 150, -150, 220, -220, 300, -300]) {
    for (const along of [0.5, 0.3, 0.7]) {
      const c = { x: a.x + (b.x - a.x) * along + nx * k, y: a.y + (b.y - a.y) * along + ny * k };
      // The curve's furthest point from its chord stays in the drawing.
      const apex = quad(a, c, b, 0.5);
      if (apex.x >= 0 && apex.x <= width && apex.y >= 0 && apex.y <= height) arcs.push(c);
    }
  }
  // Clear of nodes first, then of labels: an edge behind a node reads as a step through it, an
  // edge under a label only strikes its words through.
  let best = arcs[0]!;
  let bestGap = -Infinity;
  let clearOfNodes: Point | undefined;
  for (const c of arcs) {
    const g = gap(c);
    if (g.nodes >= 0 && g.labels >= 0) return { control: c };
    if (g.nodes >= 0) clearOfNodes ??= c;
    if (g.nodes > bestGap) [best, bestGap] = [c, g.nodes];
  }
  const discs = others.map((p) => ({ ...p, r: clearance }));
  const boxes = labels.map((l) => ({
    x: l.x - labelMargin,
    y: l.y - labelMargin,
    width: l.width + 2 * labelMargin,
    height: l.height + 2 * labelMargin,
  }));
  // No arc clears them all (a dense column of nodes on a phone): a way around, turn by turn;
  // failing that, an arc clear of the nodes, or a way around them alone.
  // On a finer grid too: between a disc and a label the 8 px grid's margins can close a gap.
  // A long way round to spare a label is not taken when an arc clears the nodes: edges drawn
  // out to the map's edge and back tangled the map more than a word struck through.
  const way =
    detour(a, b, [...discs, ...boxes], width, height, 8, clearance) ??
    detour(a, b, [...discs, ...boxes], width, height, 4, clearance);
  if (way && (!clearOfNodes || wayLength(way) <= 1.3 * length + 40)) return { way };
  if (clearOfNodes) return { control: clearOfNodes };
  const aroundNodes = labels.length > 0 ? detour(a, b, discs, width, height, 8, clearance) : null;
  return aroundNodes ? { way: aroundNodes } : { control: best };
}

function wayLength(way: readonly Point[]): number {
  let sum = 0;
  for (let i = 1; i < way.length; i++)
    sum += Math.hypot(way[i]!.x - way[i - 1]!.x, way[i]!.y - way[i - 1]!.y);
  return sum;
}

/** The SVG path of a route from a to b. */
export function routePath(a: Point, route: Route, b: Point): string {
  if ('way' in route) return `M${route.way.map((p) => `${p.x},${p.y}`).join(' L')}`;
  return `M${a.x},${a.y} Q${route.control.x},${route.control.y} ${b.x},${b.y}`;
}

/** The point at `t` of a route from a to b, as drawn. */
export function pointOnRoute(a: Point, route: Route, b: Point, t: number): Point {
  return 'way' in route ? alongWay(route.way, t) : quad(a, route.control, b, t);
}

/** Whether a route from a to b, as drawn, passes through one of `boxes`. */
export function routeMeets(a: Point, route: Route, b: Point, boxes: readonly Box[]): boolean {
  if (boxes.length === 0) return false;
  const length =
    'way' in route
      ? wayLength(route.way)
      : Math.hypot(route.control.x - a.x, route.control.y - a.y) +
        Math.hypot(b.x - route.control.x, b.y - route.control.y);
  const steps = Math.max(20, Math.ceil(length / 4));
  for (let i = 1; i < steps; i++) {
    const q = pointOnRoute(a, route, b, i / steps);
    if (boxes.some((box) => distanceToBox(q, box) === 0)) return true;
  }
  return false;
}
