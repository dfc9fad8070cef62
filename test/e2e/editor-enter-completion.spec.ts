import { expect as baseExpect, test } from '@playwright/test';
import { collectErrors, editorLines, openApp, waitForEditor } from './helpers';

// The machine these run on is shared and often loaded: waits are generous, never skipped.
const expect = baseExpect.configure({ timeout: 30_000 });

// Enter starts a new line even while monaco-yaml's completion list is open on its own (as
// the learner types): a suggestion is taken only once the learner picks one (ManifestEditor's
// `suggest.selectionMode: 'never'`). Monaco always selects the first suggestion when the list
// is asked for with Ctrl+Space (documented: asking is picking), so the list under test is the
// one that opens by itself, here when the indentation of a new key is typed (a space is a
// trigger character of monaco-yaml). In a fresh page that list sometimes did not open: the YAML worker was still
// loading the schema. So Ctrl+Space first, awaited, proves the completions are ready; the
// list is closed, and the space typed again until the list opens by itself (in practice at
// the first try). Only then is Enter pressed.
test('Enter starts a new line while the completion list is open, and inserts no completion', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByRole('button', { name: /Start stage 1|Continue at stage/ }).click();
  await waitForEditor(page);
  await expect(page.getByTestId('editor')).toContainText('priorityClassName');

  // A new line in the Pod's spec, emptied of Monaco's own indentation: the test types it.
  await page
    .getByTestId('editor')
    .locator('.view-line', { hasText: 'priorityClassName' })
    .first()
    .click();
  // Twice: the line may wrap, and Monaco's first End stops at the end of its first row.
  await page.keyboard.press('End');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const emptyLine = async () => {
    // A character first, so the selection is never empty and Delete never joins lines.
    await page.keyboard.press('Escape');
    await page.keyboard.type('x');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Escape');
  };
  await emptyLine();
  const widget = page.locator('.suggest-widget.visible');
  // The schema's keys for a Pod's spec, alphabetical: the list shows its first ones.
  const offered = page.locator('.suggest-widget .monaco-list-row', {
    hasText: 'activeDeadlineSeconds',
  });
  await page.keyboard.type('  ');
  await page.keyboard.press('Control+Space');
  await expect(offered.first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(widget).toBeHidden();

  await expect(async () => {
    await emptyLine();
    await page.keyboard.type('  ');
    await expect(offered.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  // Opened by typing, the list has no suggestion selected.
  await expect(page.locator('.suggest-widget .monaco-list-row.focused')).toHaveCount(0);

  await page.keyboard.press('Enter');
  // The text as Monaco shows it: the indented line stays blank (no key inserted) and a new
  // line follows it, before the spec's next key.
  const around = async () => {
    const lines = await editorLines(page);
    const at = lines.findIndex((line) => line.includes('priorityClassName'));
    return lines.slice(at, at + 4).map((line) => line.trimEnd());
  };
  await expect
    .poll(around)
    .toEqual(['  priorityClassName: system-node-critical', '', '', '  containers:']);
  await expect(widget).toBeHidden();
  expect(errors).toEqual([]);
});
