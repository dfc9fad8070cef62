import { expect as baseExpect, test, type Page } from '@playwright/test';
import { editLine, openApp, scrollEditorTo, waitForAnalysis, waitForEditor } from './helpers';

// An analysis lands about half a second after each edit or stage change. Nothing around the
// editor may move when it does: a learner who clicks a line just before would edit another.
// The page is watched frame by frame (and through Chromium's layout-shift entries) from the
// edit or the stage change until the analysis is on screen; every box must stay where it was.

const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 240_000 });

const sizes = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

interface Watch {
  /** Per frame: where the header's bottom, the editor and a line of it are. */
  frames: { header: string; editor: string; line: string | null; where: string }[];
  /** Layout shifts whose moved element holds the editor or sits in its panel, Monaco aside. */
  shifts: string[];
}

/** Starts recording, in the page, every frame's boxes and every layout shift near the editor. */
async function watch(page: Page, lineText: string): Promise<void> {
  await page.evaluate((text) => {
    const round = (r: DOMRect) => [r.x, r.y, r.width, r.height].map(Math.round).join(',');
    const w = window as unknown as { __watch: Watch & { on: boolean } };
    const state = { on: true, frames: [], shifts: [] } as Watch & { on: boolean };
    w.__watch = state;
    const panel = document.getElementById('editor-panel');
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        sources?: { node?: Node; previousRect: DOMRect; currentRect: DOMRect }[];
      })[]) {
        for (const source of entry.sources ?? []) {
          const node = source.node;
          if (!node || !panel) continue;
          // Monaco's own insides (its caret, its scrollbars) move as the learner types.
          if (node instanceof Element && node.closest('.monaco-editor')) continue;
          if (node.contains(panel) || panel.contains(node))
            state.shifts.push(
              `${node.nodeName}.${(node as Element).className}: ${round(source.previousRect)} → ${round(source.currentRect)}`,
            );
        }
      }
    }).observe({ type: 'layout-shift' });
    const frame = () => {
      if (!state.on) return;
      const header = document.querySelector('header.top')!.getBoundingClientRect();
      const editor = document.querySelector('[data-testid=editor]')!.getBoundingClientRect();
      const line = [...document.querySelectorAll('[data-testid=editor] .view-line')].find((l) =>
        l.textContent?.includes(text),
      );
      state.frames.push({
        where: document.querySelector('[data-testid=where]')?.textContent ?? '',
        header: String(Math.round(header.bottom)),
        editor: round(editor),
        // Its top only: its width and scroll follow what the learner types.
        line: line ? String(Math.round(line.getBoundingClientRect().top)) : null,
      });
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, lineText);
}

/** Stops recording; returns every change from one frame to the next, and the shifts seen. */
async function stopWatching(page: Page): Promise<{ moves: string[]; frames: number }> {
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __watch: Watch & { on: boolean } };
    w.__watch.on = false;
    return { frames: w.__watch.frames, shifts: w.__watch.shifts };
  });
  const moves: string[] = [...seen.shifts];
  let last = seen.frames[0]!;
  let lastLine = last.line;
  for (const [i, f] of seen.frames.entries()) {
    if (f.header !== last.header)
      moves.push(`frame ${i}: header bottom ${last.header} → ${f.header}`);
    if (f.editor !== last.editor) moves.push(`frame ${i}: editor ${last.editor} → ${f.editor}`);
    // A new stage shows new files: its lines are compared among themselves.
    if (f.where !== last.where) lastLine = null;
    // Monaco draws only the lines in view, and none while it swaps a stage's files.
    if (f.line !== null) {
      if (lastLine !== null && f.line !== lastLine)
        moves.push(`frame ${i}: line top ${lastLine} → ${f.line}`);
      lastLine = f.line;
    }
    last = f;
  }
  return { moves, frames: seen.frames.length };
}

const analyses = async (page: Page) =>
  Number(await page.getByTestId('gauge').getAttribute('data-analyses'));

/** On a phone the editor is a tab of its own; from 1280 px it is always there. */
async function showEditor(page: Page) {
  const tab = page.getByRole('tab', { name: 'Editor' });
  if (await tab.isVisible()) await tab.click();
}

for (const size of sizes) {
  test(`${size.width}×${size.height}: nothing around the editor moves when an analysis lands`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await page.getByRole('button', { name: 'Start stage 1' }).click();
    await showEditor(page);
    await waitForEditor(page);
    await waitForAnalysis(page);

    // The edit that wins stage 1: its analysis brings the win into the header.
    // The caret goes to the line's end first: scrolling to it is the learner's own move.
    await editLine(page, '--anonymous-auth=true', 0, '');
    // Typing `false` wraps the line onto a second row; the line sits high enough that Monaco
    // need not scroll to show it (that scroll is the typing's, not the analysis's).
    await scrollEditorTo(page, '--anonymous-auth=', 0.6);
    let before = await analyses(page);
    await watch(page, '--anonymous-auth=');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('false');
    await expect(page.getByTestId('stage-won')).toBeVisible();
    await expect.poll(() => analyses(page)).toBeGreaterThan(before);
    await waitForAnalysis(page);
    const win = await stopWatching(page);
    expect(win.frames).toBeGreaterThan(1);
    expect(win.moves).toEqual([]);

    // The next stage: its files open at once, its analysis follows.
    before = await analyses(page);
    await watch(page, '--bind-address=');
    await page.getByRole('button', { name: 'Next stage' }).click();
    await expect(page.getByTestId('where')).toHaveText('Stage 2 of 2');
    await expect.poll(() => analyses(page)).toBeGreaterThan(before);
    await waitForAnalysis(page);
    await waitForEditor(page);
    // A few frames more: a move the analysis causes shows in the frames right after it.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const next = await stopWatching(page);
    expect(next.frames).toBeGreaterThan(1);
    expect(next.moves).toEqual([]);
  });
}
