// A seeded, headless force layout: the same graph (and the same earlier positions) always
// gives the same picture. Nodes placed before keep their place, so one edit never makes
// the map jump; only new nodes settle in, in the column of their layer.
import { forceCollide, forceLink, forceSimulation, forceX, forceY } from 'd3';
import type { SimulationLinkDatum, SimulationNodeDatum } from 'd3';
import { layerOf, type MapGraph } from './graph';

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  seed?: number;
  ticks?: number;
  /** Horizontal distance between layers. */
  layerGap?: number;
  /** Positions from the previous layout, by node id: kept as they are. */
  previous?: ReadonlyMap<string, Point>;
}

/** d3-force's own linear congruential generator (src/lcg.js), seeded. */
export function lcg(seed: number): () => number {
  const a = 1664525;
  const c = 1013904223;
  const m = 4294967296;
  let s = seed >>> 0 || 1;
  return () => (s = (a * s + c) % m) / m;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  layer: number;
}

const round = (v: number) => Math.round(v * 10) / 10;

export function layoutMap(graph: MapGraph, options: LayoutOptions = {}): Map<string, Point> {
  const { seed = 1, ticks = 160, layerGap = 150, previous } = options;
  const random = lcg(seed);
  const perLayer = new Map<number, number>();
  const nodes: SimNode[] = graph.nodes.map((node) => {
    const layer = layerOf[node.kind];
    const kept = previous?.get(node.id);
    if (kept) return { id: node.id, layer, x: kept.x, y: kept.y, fx: kept.x, fy: kept.y };
    const row = perLayer.get(layer) ?? 0;
    perLayer.set(layer, row + 1);
    // Start near its column, rows spread out; the seeded jitter breaks exact ties.
    return {
      id: node.id,
      layer,
      x: layer * layerGap + (random() - 0.5) * 20,
      y: row * 70 * (row % 2 ? 1 : -1) * 0.5 + (random() - 0.5) * 20,
    };
  });
  const fresh = nodes.filter((n) => n.fx === undefined);
  if (fresh.length > 0) {
    const links: SimulationLinkDatum<SimNode>[] = graph.edges.map((e) => ({
      source: e.source,
      target: e.target,
    }));
    const simulation = forceSimulation<SimNode>(nodes)
      .randomSource(lcg(seed + 1))
      .force('x', forceX<SimNode>((n) => n.layer * layerGap).strength(0.8))
      .force('y', forceY<SimNode>(0).strength(0.04))
      .force('collide', forceCollide<SimNode>(38).strength(0.9))
      .force(
        'link',
        forceLink<SimNode, SimulationLinkDatum<SimNode>>(links)
          .id((n) => n.id)
          .strength(0.05),
      )
      .stop();
    simulation.tick(ticks);
  }
  const positions = new Map<string, Point>();
  for (const node of nodes)
    positions.set(node.id, { x: round(node.x ?? 0), y: round(node.y ?? 0) });
  return positions;
}

/** The box around all positions, padded: the SVG's viewBox. */
export function boundsOf(positions: ReadonlyMap<string, Point>, pad = 60) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of positions.values()) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (!Number.isFinite(minX)) return { x: -pad, y: -pad, width: 2 * pad, height: 2 * pad };
  return {
    x: minX - pad,
    y: minY - pad,
    width: maxX - minX + 2 * pad,
    height: maxY - minY + 2 * pad,
  };
}
