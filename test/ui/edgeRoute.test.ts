import { describe, expect, it } from 'vitest';
import { distanceToBox } from '../../src/ui/map/detour';
import { pointOnRoute, routeEdge, routeMeets, type Route } from '../../src/ui/map/edgeRoute';
import type { Box } from '../../src/ui/map/labels';

const a = { x: 40, y: 200 };
const b = { x: 360, y: 200 };
const clearance = 30;

/** The least distance from the route, as drawn, to the box. */
function missBy(route: Route, box: Box): number {
  let least = Infinity;
  for (let i = 1; i < 200; i++)
    least = Math.min(least, distanceToBox(pointOnRoute(a, route, b, i / 200), box));
  return least;
}

describe('an edge of the map and the labels of other nodes', () => {
  it('bends around a label lying on its arc', () => {
    // Another node above the chord, its label right where the usual arc passes.
    const label = { x: 150, y: 165, width: 100, height: 30 };
    const plain = routeEdge(a, b, [], clearance, 400, 400);
    expect(routeMeets(a, plain, b, [label])).toBe(true);
    const route = routeEdge(a, b, [{ x: 200, y: 130 }], clearance, 400, 400, [label]);
    expect(routeMeets(a, route, b, [label])).toBe(false);
    expect(missBy(route, label)).toBeGreaterThanOrEqual(2);
  });

  it('goes around labels turn by turn when no arc passes them', () => {
    // Bands of labels above and below the line and one across it, and a column of them near
    // its start: no arc of this low drawing passes, a way round below them does.
    const labels = [
      { x: 60, y: 150, width: 280, height: 30 },
      { x: 60, y: 220, width: 280, height: 30 },
      { x: 150, y: 190, width: 100, height: 20 },
      { x: 100, y: 100, width: 10, height: 200 },
    ];
    const route = routeEdge(a, b, [], clearance, 400, 320, labels);
    expect('way' in route).toBe(true);
    expect(routeMeets(a, route, b, labels)).toBe(false);
  });

  it('strikes a label through rather than going the long way round', () => {
    // A label across the whole drawing but for its far ends: the only way round is a tour of
    // the map's edge, while the plain arc clears every node.
    const label = { x: 10, y: 120, width: 380, height: 120 };
    const route = routeEdge(a, b, [{ x: 200, y: 350 }], clearance, 400, 400, [label]);
    expect('control' in route).toBe(true);
  });

  it('never passes behind a node to spare a label', () => {
    const node = { x: 200, y: 170 };
    const label = { x: 150, y: 215, width: 100, height: 30 };
    const route = routeEdge(a, b, [node], clearance, 400, 400, [label]);
    for (let i = 1; i < 200; i++) {
      const q = pointOnRoute(a, route, b, i / 200);
      expect(Math.hypot(q.x - node.x, q.y - node.y)).toBeGreaterThanOrEqual(clearance - 0.5);
    }
  });
});
