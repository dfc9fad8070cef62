import { expect as baseExpect, test, type Page } from '@playwright/test';
import { collectErrors, focusEditorAtEnd, openApp, waitForEditor } from './helpers';

// The machine these run on is shared and often loaded: waits are generous, never skipped.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

/** The cursor's line, in the editor's own coordinates, and the visible part of the editor. */
async function cursorInView(page: Page): Promise<boolean> {
  return page.getByTestId('editor').evaluate((editor) => {
    const cursor = editor.querySelector('.cursors-layer .cursor');
    if (!cursor) return false;
    const c = cursor.getBoundingClientRect();
    const e = editor.getBoundingClientRect();
    return c.height > 0 && c.top >= e.top && c.bottom <= e.bottom;
  });
}

test('typing in the editor: the line being typed stays in view, and the editor keeps its size, when the YAML breaks', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await waitForEditor(page);

  // The last line of the file, then a broken line: the error shows above the editor, and the
  // line under the cursor must still be on screen.
  await focusEditorAtEnd(page);
  const before = await page.getByTestId('editor').boundingBox();
  await page.keyboard.press('Enter');
  await page.keyboard.type('key: value: other');
  await expect(page.getByTestId('yaml-banner')).toBeVisible();
  await expect.poll(() => cursorInView(page)).toBe(true);
  // The error takes the keyboard hint's place: the editor neither moves nor shrinks.
  expect(await page.getByTestId('editor').boundingBox()).toEqual(before);
  await expect(page.getByTestId('editor-keys')).toBeHidden();
  expect(errors).toEqual([]);
});
