// The map drawn at screen size: layout positions fitted into the panel's pixels, and every
// node's label placed where it overlaps no other label and no node. Labels keep their
// font size whatever the panel's size (the SVG is not scaled to fit), so they stay readable;
// the placement is greedy and ordered, so the same graph and size always give the same map.
//
// Why not a library: labelgun hides labels that collide (every label matters here), and
// d3-bboxCollide (last release 2017) moves nodes, not labels; this is ~100 lines.
import type { Point } from './layout';

export interface LabelSizes {
  /** Node circle radius, px. */
  radius: number;
  /** Font size of the node's name, px. */
  label: number;
  /** Font size of the second line (kind or scope), px. */
  detail: number;
}

export interface LabelInput {
  id: string;
  label: string;
  detail: string;
  /** Placed first, so the attack path gets the nearest labels. */
  priority: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedLabel {
  /** Where the text block's anchor is, relative to the node centre. */
  dx: number;
  dy: number;
  anchor: 'start' | 'middle' | 'end';
  /** The block in map pixels (for tests and leader lines). */
  box: Box;
  /** True when the label had to move away from its node: a leader line is drawn. */
  far: boolean;
}

/** A canvas to measure with, in a page; none in a worker or a unit test. */
let measurer: CanvasRenderingContext2D | null | undefined;
let pageFont = '';

function canvasFor(): CanvasRenderingContext2D | null {
  if (measurer === undefined) {
    measurer =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (measurer) pageFont = getComputedStyle(document.body).fontFamily || 'sans-serif';
  }
  return measurer;
}

/**
 * A generous width for text in the page's sans-serif bold: wider than the real text, so
 * blocks that do not overlap here do not overlap on screen. In a page it is measured in the
 * page's own font (the estimate fell 11% short of DejaVu Sans Bold, and a label cut by the
 * panel's edge followed); elsewhere (tests, worker) it is estimated.
 */
export function textWidth(text: string, size: number): number {
  const canvas = canvasFor();
  if (canvas) {
    canvas.font = `700 ${size}px ${pageFont}`;
    return canvas.measureText(text).width * 1.03 + 1;
  }
  let units = 0;
  for (const ch of text)
    units += /[A-Z0-9MW@%]/.test(ch) ? 0.8 : /[il.,:;'|!]/.test(ch) ? 0.4 : 0.7;
  return units * size;
}

/**
 * The text cut to `maxWidth` with an ellipsis: a label is never wider than the panel can show
 * beside its neighbours (the full name stays in the node's accessible name and its info line).
 */
export function fitText(text: string, size: number, maxWidth: number): string {
  if (textWidth(text, size) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

const lineGap = 1.25;

/** The label block's size in px: the name over its detail, as ClusterMap draws them. */
export function blockSize(input: LabelInput, sizes: LabelSizes) {
  const width = Math.max(
    textWidth(input.label, sizes.label),
    textWidth(input.detail, sizes.detail),
  );
  const height = sizes.label * lineGap + (input.detail ? sizes.detail * lineGap : 0);
  return { width: Math.ceil(width) + 4, height: Math.ceil(height) };
}

/** Whether two boxes share any area. */
export const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Fits layout positions into a panel of `width` × `height` px, leaving room for labels. */
export function fitPositions(
  positions: ReadonlyMap<string, Point>,
  width: number,
  height: number,
  sizes: LabelSizes,
  labelWidth: number,
  /** Labels go beside the nodes (a phone): no room kept above and below for them. */
  beside = false,
): Map<string, Point> {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of positions.values()) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const out = new Map<string, Point>();
  if (!Number.isFinite(minX)) return out;
  const marginX = Math.min(width / 4, Math.max(sizes.radius + 8, labelWidth / 2 + 4));
  const top = beside ? sizes.radius + 8 : sizes.radius + sizes.label * 2.6 + 8;
  const bottom = beside
    ? sizes.radius + 8
    : sizes.radius + (sizes.label + sizes.detail) * lineGap + 12;
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const usableX = Math.max(1, width - 2 * marginX);
  const usableY = Math.max(1, height - top - bottom);
  // Columns fill the width; rows never spread further apart than columns, so a tall panel
  // does not pull the map into a thin vertical strip.
  const scaleX = spanX > 0 ? usableX / spanX : 0;
  // ...but nodes of one column stay far enough apart for a node and its label between them.
  const points = [...positions.values()];
  const clearance = 2 * sizes.radius + (sizes.label + sizes.detail) * lineGap + 8;
  let needed = 0;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i] as Point;
      const b = points[j] as Point;
      const dy = Math.abs(a.y - b.y);
      if (dy > 0 && Math.abs(a.x - b.x) * scaleX < labelWidth)
        needed = Math.max(needed, clearance / dy);
    }
  const scaleY = spanY > 0 ? Math.min(usableY / spanY, Math.max(scaleX, needed)) : 0;
  const offsetY = top + (usableY - spanY * scaleY) / 2;
  for (const [id, { x, y }] of positions) {
    out.set(id, {
      x: Math.round(spanX > 0 ? marginX + (x - minX) * scaleX : width / 2),
      y: Math.round(offsetY + (y - minY) * scaleY),
    });
  }
  return out;
}

/** Places every label: below its node if free, else above, right, left, then further out. */
/** A label's own place: below its node at `p`, or on its right. */
export function homeBox(
  input: LabelInput,
  p: Point,
  sizes: LabelSizes,
  home: 'below' | 'right',
): Box {
  const r = sizes.radius;
  const { width, height } = blockSize(input, sizes);
  return home === 'right'
    ? { x: p.x + r + 4, y: p.y - height / 2, width, height }
    : { x: p.x - width / 2, y: p.y + r + 4, width, height };
}

export function placeLabels(
  inputs: readonly LabelInput[],
  at: ReadonlyMap<string, Point>,
  sizes: LabelSizes,
  bounds: { width: number; height: number },
  /** Other marks labels must not cover (the shields on the edges). */
  marks: readonly Box[] = [],
  /** A label's own place: below its node, or on its right (a phone's map, one row a node). */
  home: 'below' | 'right' = 'below',
): Map<string, PlacedLabel> {
  const r = sizes.radius;
  const obstacles: Box[] = [...marks];
  for (const input of inputs) {
    const p = at.get(input.id);
    if (p) obstacles.push({ x: p.x - r - 2, y: p.y - r - 2, width: 2 * r + 4, height: 2 * r + 4 });
  }
  const order = [...inputs].sort(
    (a, b) =>
      b.priority - a.priority ||
      (at.get(a.id)?.x ?? 0) - (at.get(b.id)?.x ?? 0) ||
      (at.get(a.id)?.y ?? 0) - (at.get(b.id)?.y ?? 0) ||
      (a.id < b.id ? -1 : 1),
  );
  const placed = new Map<string, PlacedLabel>();
  const taken: Box[] = [];
  // Each node's own place, below it, kept for it while its label waits its turn: a label
  // pushed off its place (by a shield) took a neighbour's, which then went far too, and two
  // leader lines crossed the phone's map where one label had nowhere to go.
  const homes = new Map<string, Box>();
  for (const input of order) {
    const p = at.get(input.id);
    if (p) homes.set(input.id, homeBox(input, p, sizes, home));
  }
  for (const input of order) {
    homes.delete(input.id);
    const p = at.get(input.id);
    if (!p) continue;
    const { width, height } = blockSize(input, sizes);
    const candidates: Omit<PlacedLabel, 'box' | 'far'>[] = [];
    const gap = 4;
    const right = { dx: r + gap, dy: -height / 2, anchor: 'start' } as const;
    if (home === 'right') candidates.push(right);
    candidates.push({ dx: 0, dy: r + gap, anchor: 'middle' });
    candidates.push({ dx: 0, dy: -r - gap - height, anchor: 'middle' });
    if (home === 'below') candidates.push(right);
    candidates.push({ dx: -r - gap, dy: -height / 2, anchor: 'end' });
    // Further out, in rings: the label keeps a leader line to its node.
    for (let ring = 1; ring <= 40; ring++) {
      const step = ring * (height + 2);
      candidates.push({ dx: 0, dy: r + gap + step, anchor: 'middle' });
      candidates.push({ dx: 0, dy: -r - gap - height - step, anchor: 'middle' });
      candidates.push({ dx: r + gap + ring * 24, dy: -height / 2 + step, anchor: 'start' });
      candidates.push({ dx: -r - gap - ring * 24, dy: -height / 2 + step, anchor: 'end' });
      candidates.push({ dx: r + gap + ring * 24, dy: -height / 2 - step, anchor: 'start' });
      candidates.push({ dx: -r - gap - ring * 24, dy: -height / 2 - step, anchor: 'end' });
    }
    const boxOf = (c: Omit<PlacedLabel, 'box' | 'far'>): Box => {
      const left = c.anchor === 'middle' ? -width / 2 : c.anchor === 'start' ? 0 : -width;
      return { x: p.x + c.dx + left, y: p.y + c.dy, width, height };
    };
    const inside = (b: Box) =>
      b.x >= 0 && b.y >= 0 && b.x + b.width <= bounds.width && b.y + b.height <= bounds.height;
    const free = (b: Box) =>
      !taken.some((t) => overlaps(t, b)) && !obstacles.some((o) => overlaps(o, b));
    // Moved into the panel by as little as it takes (a label cut by the panel's edge, as
    // "levelopers" was at 390 px, cannot be read).
    const clamped = (c: Omit<PlacedLabel, 'box' | 'far'>) => {
      const b = boxOf(c);
      const sx = Math.min(Math.max(0, -b.x), bounds.width - b.x - b.width);
      const sy = Math.min(Math.max(0, -b.y), bounds.height - b.y - b.height);
      return sx === 0 && sy === 0 ? c : { ...c, dx: c.dx + sx, dy: c.dy + sy };
    };
    // Inside the panel if at all possible; a label is never dropped, never on another.
    const homeless = (b: Box) => {
      for (const home of homes.values()) if (overlaps(home, b)) return false;
      return true;
    };
    let choice =
      candidates.find((c) => {
        const b = boxOf(c);
        return inside(b) && free(b) && homeless(b);
      }) ??
      candidates.find((c) => {
        const b = boxOf(c);
        return inside(b) && free(b);
      });
    if (!choice)
      for (const c of candidates) {
        const moved = clamped(c);
        const b = boxOf(moved);
        if (inside(b) && free(b)) {
          choice = moved;
          break;
        }
      }
    if (!choice) {
      // Below everything placed so far, within the panel's width: free by construction. The
      // drawing grows to hold it (ClusterMap), so it scrolls into view instead of being cut
      // off, as a label placed past the panel's edge was (worked example at 390×844).
      const floor = Math.max(
        ...taken.map((t) => t.y + t.height),
        ...obstacles.map((o) => o.y + o.height),
      );
      const dx = Math.min(Math.max(0, width / 2 - p.x), bounds.width - width / 2 - p.x);
      choice = { dx, dy: floor - p.y + 2, anchor: 'middle' };
    }
    const box = boxOf(choice);
    taken.push(box);
    // Far: not one of the four places next to the node (a leader line shows whose it is).
    const rank = candidates.indexOf(choice);
    placed.set(input.id, { ...choice, box, far: rank < 0 || rank >= 4 });
  }
  return placed;
}
