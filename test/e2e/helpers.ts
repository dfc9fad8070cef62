import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Opens the app and records every request that would leave the page's own origin. */
export async function openApp(page: Page, path = '/'): Promise<{ foreignRequests: string[] }> {
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      foreignRequests.push(request.url());
    }
  });
  await page.goto(path);
  return { foreignRequests };
}

/** Waits until the lazily loaded Monaco editor is created. */
export async function waitForEditor(page: Page): Promise<void> {
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
}

/**
 * Waits until the gauge shows the analysis, not "analysing…": for a test that records what
 * the gauge shows from a given analysis on. Nothing on the page moves when an analysis lands
 * (steady-editor.spec.ts), so edits need not wait for one.
 */
export async function waitForAnalysis(page: Page): Promise<void> {
  await expect(page.getByTestId('gauge').getByText('analysing…')).toHaveCount(0);
}

/** Puts the keyboard focus in the editor, at the end of the document. */
export async function focusEditorAtEnd(page: Page): Promise<void> {
  await page.getByTestId('editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
}

/**
 * Types text into Monaco through the keyboard, line by line, as a person would. Before each
 * new line, whatever Monaco auto-indented is cleared, so indentation lands exactly as given.
 * Auto-closing of brackets and quotes stays on: `{` becomes `{}` as it does for a person.
 */
export async function typeIntoEditor(page: Page, text: string): Promise<void> {
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (index > 0) {
      await page.keyboard.press('Enter');
      // A space first, so the selection to the line start is never empty and Delete never
      // joins the next line; on a blank line Shift+Home selects to column 1.
      await page.keyboard.type(' ');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.press('Delete');
    }
    await page.keyboard.type(line);
  }
}

/** Replaces the whole document with `text`, typed through the keyboard. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await focusEditorAtEnd(page);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await typeIntoEditor(page, text);
}

/** A line of the document as the editor draws it: its text and where its rows are. */
interface DrawnLine {
  text: string;
  /** The top of its first row and the bottom of its last, on screen. */
  top: number;
  bottom: number;
}

/**
 * The lines Monaco draws (only those in view), in order. The editor wraps long lines: a row
 * with no line number beside it continues the line above, as a person reads it.
 */
async function drawnLines(page: Page): Promise<DrawnLine[]> {
  return page.getByTestId('editor').evaluate((editor) => {
    const top = (element: Element) =>
      Math.round(parseFloat((element as HTMLElement).style.top || '0'));
    const numbered = new Set(
      [...editor.querySelectorAll('.margin-view-overlays > div')]
        .filter((row) => (row.querySelector('.line-numbers')?.textContent ?? '').trim() !== '')
        .map(top),
    );
    const rows = [...editor.querySelectorAll('.view-line')]
      .map((element) => ({ top: top(element), box: element.getBoundingClientRect(), element }))
      .sort((a, b) => a.top - b.top);
    const lines: { text: string; top: number; bottom: number }[] = [];
    for (const row of rows) {
      const text = (row.element.textContent ?? '').replace(/\u00a0/g, ' ');
      const last = lines[lines.length - 1];
      if (last && !numbered.has(row.top)) {
        // A continuation row starts with the wrapping indent Monaco draws; the line does not.
        last.text += text.trimStart();
        last.bottom = row.box.bottom;
      } else lines.push({ text, top: row.box.top, bottom: row.box.bottom });
    }
    return lines;
  });
}

/** The text Monaco shows, line by line (wrapped rows joined, non-breaking spaces normalised). */
export async function editorLines(page: Page): Promise<string[]> {
  return (await drawnLines(page)).map((line) => line.text);
}

/** Every axe-core violation on the page, with axe's default rule set (not only WCAG tags). */
export async function a11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/** Collects page errors and console errors; a test ends by expecting the list to be empty. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * Edits one line as a person would: clicks the line holding `contains`, goes to its end,
 * deletes `remove` characters with Backspace and types `insert`. It does not wait for an
 * analysis in flight, as a quick learner does not; it does check, as a person looking at the
 * screen would, that the caret went to that line before typing and that the line then reads
 * as intended, and fails saying so when it does not.
 */
export async function editLine(
  page: Page,
  contains: string,
  remove: number,
  insert: string,
): Promise<void> {
  const editor = page.getByTestId('editor');
  // Clicks go to the left edge of the text region (right of the line numbers), at the height
  // of the line's first row, with the mouse. A click on a line element lets Playwright scroll
  // the element's centre into view; before the editor wrapped lines, a `.view-line` was as
  // wide as the longest line (778 px in a 382 px editor at 1280×720), Monaco scrolled sideways
  // and the click could land on no line at all (CI at 1280×720).
  const region = editor.locator('.monaco-scrollable-element.editor-scrollable').first();
  const find = async () => (await drawnLines(page)).find((l) => l.text.includes(contains));
  let before = '';
  let onLine = false;
  // Monaco reuses its line elements while it scrolls (the wheel scroll may still be running):
  // the line found can have moved by the time it is clicked. A person sees where the caret
  // went and clicks again; so does this.
  for (let attempt = 0; attempt < 5 && !onLine; attempt++) {
    await scrollEditorTo(page, contains);
    const [target, box] = [await find(), await region.boundingBox()];
    if (!target || !box) continue;
    await page.mouse.click(box.x + 6, target.top + 10);
    // Bounded: a caret scrolled out of view has no line drawn; click again.
    const caret = await editor
      .locator('.current-line')
      .first()
      .boundingBox({ timeout: 3_000 })
      .catch(() => null);
    const drawn = await find();
    onLine = !!caret && !!drawn && Math.abs(caret.y - drawn.top) < 2;
    if (onLine) before = drawn!.text;
  }
  if (!onLine) throw new Error(`editLine: the caret never reached the line holding "${contains}"`);
  // On a wrapped line the first End stops at the end of its first row, the second at the
  // line's end (Monaco's own behaviour); on a line that fits, the second does nothing.
  await page.keyboard.press('End');
  await page.keyboard.press('End');
  for (let i = 0; i < remove; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(insert);
  const after = before.slice(0, before.length - remove) + insert;
  await expect
    .poll(async () => (await editorLines(page)).includes(after), {
      message: `editLine: the line should read "${after}"`,
      timeout: 30_000,
    })
    .toBe(true);
}

/** Presses Tab until the focused element's accessible text matches, or fails after `max`. */
export async function tabTo(page: Page, name: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''}`.trim() : '';
    });
    if (name.test(label)) return;
  }
  throw new Error(`no focusable element matching ${name} within ${max} Tab presses`);
}

/** Whether `selector`'s box lies wholly inside the viewport (seen without scrolling). */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return (
      r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth
    );
  }, selector);
}

/**
 * Whether the gauge's session history is drawn whole: its lead and every entry inside the
 * list's box (which clips what does not fit) and inside the viewport.
 */
export async function historyInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const list = document.querySelector('header [data-testid=gauge] ol.history');
    if (!list) return false;
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('li')].every((item) => {
      const r = item.getBoundingClientRect();
      return (
        r.width > 0 &&
        r.left >= Math.max(0, box.left - 0.5) &&
        r.right <= Math.min(innerWidth, box.right + 0.5) &&
        r.top >= 0 &&
        r.bottom <= innerHeight
      );
    });
  });
}

/** True when the page scrolls sideways (it never should). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
}

/**
 * The map's labels as drawn: the smallest on-screen font size (font size times the SVG's
 * scale) and every pair of labels whose boxes overlap on screen.
 */
export async function mapLabels(page: Page, within = '[data-testid=cluster-map]') {
  return page.evaluate((sel) => {
    const svg = [...document.querySelectorAll<SVGSVGElement>(sel)].find(
      (s) => s.getClientRects().length > 0,
    );
    if (!svg) return { count: 0, smallest: 0, overlaps: ['no visible map'] };
    const texts = [...svg.querySelectorAll<SVGTextElement>('text.label, text.detail')];
    let smallest = Infinity;
    const boxes = texts.map((t) => {
      const scale = t.getScreenCTM()?.a ?? 1;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
      const r = t.getBoundingClientRect();
      return { name: t.textContent ?? '', r };
    });
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          overlaps.push(`${boxes[i]!.name} / ${boxes[j]!.name}`);
      }
    return { count: texts.length, smallest, overlaps };
  }, within);
}

/** Whether the keyboard focus is inside Monaco. */
export async function focusInEditor(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null);
}

/**
 * Scrolls the editor with the mouse wheel, as a person would, until the line holding
 * `contains` is wholly on screen (Monaco draws only the lines in view): down first, then up.
 * With `upper`, the line must also end in that upper fraction of the editor's height, so that
 * a row the learner's typing adds below it does not scroll the editor.
 */
export async function scrollEditorTo(page: Page, contains: string, upper = 1): Promise<void> {
  const editor = page.getByTestId('editor');
  const inView = async () => {
    const [line, within] = [
      (await drawnLines(page)).find((l) => l.text.includes(contains)),
      await editor.boundingBox(),
    ];
    return (
      !!line && !!within && line.top >= within.y && line.bottom <= within.y + within.height * upper
    );
  };
  for (const dy of [...Array<number>(12).fill(120), ...Array<number>(24).fill(-120)]) {
    if (await inView()) return;
    await editor.hover();
    await page.mouse.wheel(0, dy);
  }
}

/**
 * Everything on the visible map under `within` that collides, as drawn on screen: two nodes'
 * discs that touch, two nodes' label blocks (name and detail) that overlap, a label block over
 * another node's disc, a label block not wholly inside the drawing (cut off; a drawing taller
 * than its panel scrolls), a drawing wider than its panel, and an edge drawn behind a node it
 * does not join.
 */
export async function mapCollisions(
  page: Page,
  within = '[data-testid=cluster-map]',
): Promise<{ nodes: number; collisions: string[] }> {
  return page.evaluate((sel) => {
    const svg = [...document.querySelectorAll<SVGSVGElement>(sel)].find(
      (s) => s.getClientRects().length > 0,
    );
    if (!svg) return { nodes: 0, collisions: ['no visible map'] };
    const panel = svg.getBoundingClientRect();
    const scroller = svg.parentElement;
    type Rect = { left: number; top: number; right: number; bottom: number };
    const nodes = [...svg.querySelectorAll<SVGGElement>('g.node')].map((g) => {
      const c = g.querySelector('circle')!.getBoundingClientRect();
      const texts = [...g.querySelectorAll<SVGTextElement>('text.label, text.detail')]
        .map((t) => t.getBoundingClientRect())
        .filter((r) => r.width > 0);
      const block: Rect = {
        left: Math.min(...texts.map((r) => r.left)),
        top: Math.min(...texts.map((r) => r.top)),
        right: Math.max(...texts.map((r) => r.right)),
        bottom: Math.max(...texts.map((r) => r.bottom)),
      };
      return {
        id: g.dataset.node ?? '',
        x: c.x + c.width / 2,
        y: c.y + c.height / 2,
        r: c.width / 2,
        block,
      };
    });
    const rectsMeet = (a: Rect, b: Rect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const rectMeetsDisc = (a: Rect, d: { x: number; y: number; r: number }) => {
      const nx = Math.max(a.left, Math.min(d.x, a.right));
      const ny = Math.max(a.top, Math.min(d.y, a.bottom));
      return Math.hypot(nx - d.x, ny - d.y) < d.r;
    };
    const out: string[] = [];
    if (scroller && svg.getBoundingClientRect().width > scroller.clientWidth + 0.5)
      out.push('the drawing is wider than its panel');
    for (const [i, a] of nodes.entries()) {
      const b0 = a.block;
      if (
        b0.left < panel.left - 0.5 ||
        b0.top < panel.top - 0.5 ||
        b0.right > panel.right + 0.5 ||
        b0.bottom > panel.bottom + 0.5
      )
        out.push(`label of ${a.id} cut off`);
      for (const [j, b] of nodes.entries()) {
        if (i === j) continue;
        if (j > i && Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r)
          out.push(`node ${a.id} / node ${b.id}`);
        if (j > i && rectsMeet(a.block, b.block)) out.push(`label ${a.id} / label ${b.id}`);
        if (rectMeetsDisc(a.block, b)) out.push(`label ${a.id} / node ${b.id}`);
      }
    }
    // An edge drawn through a node it does not join reads as a step through that node.
    const screen = svg.getScreenCTM();
    for (const path of svg.querySelectorAll<SVGPathElement>('path.edge')) {
      const ends = [path.dataset.source, path.dataset.target];
      const length = path.getTotalLength();
      const matrix = (path.getScreenCTM() ?? screen)!;
      const crossed = new Set<string>();
      for (let t = 0.05; t < 0.96 && length > 0; t += 0.05) {
        const q = path.getPointAtLength(t * length).matrixTransform(matrix);
        for (const n of nodes)
          if (!ends.includes(n.id) && Math.hypot(n.x - q.x, n.y - q.y) < n.r) crossed.add(n.id);
      }
      for (const id of crossed) out.push(`edge ${ends.join(' → ')} behind node ${id}`);
    }
    return { nodes: nodes.length, collisions: out };
  }, within);
}
