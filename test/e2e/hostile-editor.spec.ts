import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectErrors, focusEditorAtEnd, openApp, typeIntoEditor, waitForEditor } from './helpers';

async function startStage(page: Page) {
  // The first analysis waits for the worker's start: slow on a shared machine.
  await expect(page.getByTestId('mut-value')).toHaveText('1', { timeout: 60_000 });
  await page.getByRole('button', { name: /Start stage 1|Continue at stage/ }).click();
  await waitForEditor(page);
  await expect(page.getByTestId('editor')).toContainText('kind: Pod');
}

// 4 levels of 4: 16 aliases only, small enough to type, but nested (refused by expansion).
const bomb = [
  'bomb:',
  '  a: &a [x, x, x, x, x, x, x, x, x]',
  '  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  '  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  '  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
].join('\n');

test('an alias bomb never reaches the YAML worker: plain text, a banner, the engine’s error', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  await openApp(page);
  await startStage(page);
  await expect(page.getByTestId('editor')).toHaveAttribute('data-language', 'yaml');
  await focusEditorAtEnd(page);
  // Inserted at once, as a paste would be (typing it key by key is slow on a shared machine).
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(bomb);
  await expect(page.getByTestId('editor')).toHaveAttribute('data-language', 'plaintext', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('plain-text-banner')).toContainText('(the alias limit)');
  // The engine refuses it too, with the same words, at the document's line.
  await expect(page.getByTestId('yaml-banner')).toContainText('the alias limit', {
    timeout: 60_000,
  });
  expect(errors).toEqual([]);
});

/** Edits stage 1, lets the edit be saved, then reloads as after a crash. */
async function crashAfterEditing(page: Page, text: string): Promise<void> {
  await openApp(page);
  await startStage(page);
  await focusEditorAtEnd(page);
  await typeIntoEditor(page, text);
  await expect(page.getByTestId('gauge')).toHaveAttribute('data-stale', 'false', {
    timeout: 60_000,
  });
  await page.waitForTimeout(300); // the save is debounced (100 ms)
  // A crash fires no pagehide: put back the mark the page removes on a clean close.
  await page.evaluate(() => {
    const open = sessionStorage.getItem('mutlab:v1:open')!;
    addEventListener('pagehide', () => sessionStorage.setItem('mutlab:v1:open', open));
  });
  await page.reload();
}

test('a session that crashed the page opens in safe mode: download, reset, or open anyway', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await crashAfterEditing(page, '\n# my precious edit');
  const safe = page.getByTestId('safe-mode');
  await expect(safe).toContainText('did not close cleanly');
  // A reload returns to the stage the learner was in (no briefing), without the saved edits.
  // Monaco loads again: over 15 s under a load of 14 on 2 cores.
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true', {
    timeout: 60_000,
  });
  await focusEditorAtEnd(page);
  await expect(page.getByTestId('editor')).not.toContainText('my precious edit');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    safe.getByRole('button', { name: 'Download my saved edits' }).click(),
  ]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toContain('# my precious edit');

  await safe.getByRole('button', { name: 'Open my saved edits anyway' }).click();
  await expect(page.getByTestId('safe-mode')).toHaveCount(0);
  await waitForEditor(page);
  // Monaco renders only the lines in view: the edit is at the end.
  await focusEditorAtEnd(page);
  await expect(page.getByTestId('editor')).toContainText('my precious edit');
});

test('safe mode can reset the scenario: the saved edits go, and the next load is not in safe mode', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await crashAfterEditing(page, '\n# an edit that crashed the page');
  const safe = page.getByTestId('safe-mode');
  await expect(safe).toContainText('did not close cleanly');
  await safe.getByRole('button', { name: 'Reset the scenario' }).click();
  await expect(page.getByTestId('safe-mode')).toHaveCount(0);
  const saved = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('mutlab:v1:worked-example:anonymous')),
  );
  expect(saved).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('safe-mode')).toHaveCount(0);
});

/** Stage 1 of the worked example, reloaded with `raw` stored under its key `key`. */
async function reloadWithDamaged(page: Page, key: string, raw: string): Promise<void> {
  await openApp(page, '/#/worked-example/1');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true', {
    timeout: 90_000,
  });
  await page.evaluate(
    ([k, value]) => localStorage.setItem(`mutlab:v1:worked-example:${k}`, value),
    [key, raw] as const,
  );
  await page.reload();
  await expect(page.getByTestId('gauge')).toHaveAttribute('data-stale', 'false', {
    timeout: 60_000,
  });
}

/** The text of the damaged data the banner's button downloads. */
async function downloaded(page: Page, banner: Locator): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download the damaged saved data' }).click(),
  ]);
  return readFileSync((await download.path())!, 'utf8');
}

test('damaged saved edits are said in words, stay downloadable, and the stage starts from its files', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  const damaged = '{"files": [{"path": 3}]';
  await reloadWithDamaged(page, 'anonymous-auth', damaged);
  await expect(page.getByTestId('mut-value')).toHaveText('1');
  // Said after the page has saved again too (a write cleared the storage warning).
  const banner = page.getByTestId('damaged-saved-edits');
  await expect(banner).toContainText('could not be read');
  await expect(banner).toContainText('starts from its original files');
  expect(await downloaded(page, banner)).toContain(damaged);
  expect(errors).toEqual([]);
});

test('a damaged record of where the learner was is said too, and the edits are kept', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  const damaged = '{"view": "stage", "history": [';
  await reloadWithDamaged(page, 'session', damaged);
  const banner = page.getByTestId('damaged-saved-edits');
  await expect(banner).toContainText('The record of this session');
  await expect(banner).toContainText('your edits are kept');
  await expect(banner).not.toContainText('starts from its original files');
  expect(await downloaded(page, banner)).toContain(damaged);
  expect(errors).toEqual([]);
});
