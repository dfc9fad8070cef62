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

/** The text Monaco shows, line by line (non-breaking spaces normalised). */
export async function editorLines(page: Page): Promise<string[]> {
  const lines = await page
    .getByTestId('editor')
    .locator('.view-line')
    .evaluateAll((elements) =>
      elements
        .map((element) => ({
          top: parseFloat((element as HTMLElement).style.top || '0'),
          text: element.textContent ?? '',
        }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text.replace(/\u00a0/g, ' ')),
    );
  return lines;
}

/** Serious and critical axe-core violations on the page, WCAG 2.x A/AA rules. */
export async function seriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
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
 * deletes `remove` characters with Backspace and types `insert`.
 */
export async function editLine(
  page: Page,
  contains: string,
  remove: number,
  insert: string,
): Promise<void> {
  await page.getByTestId('editor').locator('.view-line', { hasText: contains }).first().click();
  await page.keyboard.press('End');
  for (let i = 0; i < remove; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(insert);
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
