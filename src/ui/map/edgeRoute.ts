// How an edge of the map is drawn: the usual gentle arc upwards, or, when that arc passes
// behind a node that is not one of its ends (Internet → API server drawn through the VPN,
// which read as "the attack goes through the VPN"), the least bend to either side that clears
// every node; failing that, a way around them turn by turn (detour.ts).

import { alongWay, detour, type Point } from './detour';

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

/**
 * The route from a to b keeping `clearance` from every point of `others` (the other nodes'
 * centres), inside the drawing of `width` × `height`.
 */
export function routeEdge(
  a: Point,
  b: Point,
  others: readonly Point[],
  clearance: number,
  width: number,
  height: number,
): Route {
  /** The curve's least distance to another node (near ones only). */
  const gap = (c: Point) => {
    const left = Math.min(a.x, b.x, c.x) - clearance;
    const right = Math.max(a.x, b.x, c.x) + clearance;
    const top = Math.min(a.y, b.y, c.y) - clearance;
    const bottom = Math.max(a.y, b.y, c.y) + clearance;
    const near = others.filter((p) => p.x >= left && p.x <= right && p.y >= top && p.y <= bottom);
    // Samples closer than a node's radius, so none slips between two of them.
    const steps = Math.max(
      20,
      Math.ceil((Math.hypot(c.x - a.x, c.y - a.y) + Math.hypot(b.x - c.x, b.y - c.y)) / 8),
    );
    let least = Infinity;
    for (let i = 1; i < steps && near.length > 0; i++) {
      const q = quad(a, c, b, i / steps);
      for (const p of near) least = Math.min(least, Math.hypot(p.x - q.x, p.y - q.y));
    }
    return least;
  };
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  let best = { x: mid.x, y: mid.y - Math.min(40, Math.abs(b.x - a.x) * 0.15) };
  let bestGap = gap(best);
  if (bestGap >= clearance) return { control: best };
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
      if (apex.x < 0 || apex.x > width || apex.y < 0 || apex.y > height) continue;
      const g = gap(c);
      if (g >= clearance) return { control: c };
      if (g > bestGap) [best, bestGap] = [c, g];
    }
  }
  // No arc clears them (a dense column of nodes on a phone): a way around, turn by turn.
  const way = detour(
    a,
    b,
    others.map((p) => ({ ...p, r: clearance })),
    width,
    height,
  );
  return way ? { way } : { control: best };
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
