// The cluster map as a file that stands alone: the SVG on screen, cloned with every style
// the page's CSS gives it written onto the elements (colours, strokes, fonts), so it shows the
// same in any viewer or slide deck; and a PNG of it at presentation resolution.

/** The properties the map's CSS sets; anything else keeps its SVG default. */
const styled = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
] as const;

/** At least 1920 pixels wide, or twice the size on screen when that is larger. */
export function presentationWidth(screenWidth: number): number {
  return Math.max(1920, Math.round(2 * screenWidth));
}

export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

export function standaloneSvg(svg: SVGSVGElement, title: string): StandaloneSvg {
  const box = svg.viewBox.baseVal;
  const viewW = box && box.width ? box.width : svg.clientWidth || 800;
  const viewH = box && box.height ? box.height : svg.clientHeight || 600;
  const width = presentationWidth(viewW);
  const height = Math.round((width * viewH) / viewW);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  const hidden: Element[] = [];
  from.forEach((element, i) => {
    const target = to[i];
    if (!target) return;
    const computed = getComputedStyle(element);
    if (computed.display === 'none') hidden.push(target);
    const style = styled
      .map((name) => [name, computed.getPropertyValue(name)] as const)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => `${name}:${value}`)
      .join(';');
    target.setAttribute('style', style);
    target.removeAttribute('class');
    target.removeAttribute('data-testid');
    target.removeAttribute('tabindex');
  });
  for (const element of hidden) element.remove();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${viewW} ${viewH}`);
  clone.setAttribute('role', 'img');
  clone.setAttribute('aria-label', title);
  clone.style.removeProperty('position');
  const ns = 'http://www.w3.org/2000/svg';
  const heading = document.createElementNS(ns, 'title');
  heading.textContent = title;
  const background = document.createElementNS(ns, 'rect');
  const backdrop: [string, string][] = [
    ['x', '0'],
    ['y', '0'],
    ['width', String(viewW)],
    ['height', String(viewH)],
    ['fill', '#ffffff'],
  ];
  for (const [name, value] of backdrop) background.setAttribute(name, value);
  clone.prepend(heading, background);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
  return { text, width, height };
}

/** The SVG drawn onto a canvas of its own size (a data: URL: the page's CSP allows those). */
export async function pngOf(svg: StandaloneSvg): Promise<Blob> {
  const image = new Image();
  image.width = svg.width;
  image.height = svg.height;
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = svg.width;
  canvas.height = svg.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.drawImage(image, 0, 0, svg.width, svg.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))),
      'image/png',
    ),
  );
}
