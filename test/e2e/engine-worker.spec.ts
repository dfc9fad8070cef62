import { expect, test } from '@playwright/test';
import { defaultTimeLimitMs } from '../../src/workers/engineClient';
import { focusEditorAtEnd, openApp, typeIntoEditor, waitForEditor } from './helpers';

// The engine worker dies (here: it closes itself, which sends the page nothing at all). The
// next edit must not show "analysing…" forever: the watchdog's time limit stops and replaces
// the worker, the learner is told in words, the last good analysis stays, and the edit
// after that is analysed by the new worker.
test('the page recovers when the engine worker dies', async ({ page }) => {
  test.setTimeout(150_000);
  // The page's clock runs as usual until the worker has died; then the test moves it on past
  // the time limit, which waited 30 s of real time for nothing.
  await page.clock.install();
  await openApp(page);
  // The first analysis waits for the worker's start: slow on a shared machine.
  await expect(page.getByTestId('mut-value')).toHaveText('1', { timeout: 60_000 });
  await page.getByRole('button', { name: /Start stage 1|Continue at stage/ }).click();
  await waitForEditor(page);
  await expect(page.getByTestId('editor')).toContainText('kind: Pod');

  const engine = page.workers().find((w) => /engine\.worker/.test(w.url()));
  expect(
    engine,
    page
      .workers()
      .map((w) => w.url())
      .join(', '),
  ).toBeDefined();
  await engine!.evaluate(() => (self as unknown as { close(): void }).close());

  await focusEditorAtEnd(page);
  await typeIntoEditor(page, '\n# first note');
  // Every timer due in that span fires in order: the edit's debounce sends the analysis to the
  // dead worker, and its watchdog, set then, ends 30 s later (defaultTimeLimitMs).
  await page.clock.runFor(defaultTimeLimitMs + 5_000);
  const banner = page.getByRole('alert').filter({ hasText: 'The analysis failed' });
  await expect(banner).toContainText('the analysis time limit', { timeout: 60_000 });
  await expect(banner).toContainText('restarted');
  await expect(banner).toContainText('showing the last good analysis');
  await expect(page.getByTestId('mut-value')).toHaveText('1');

  await typeIntoEditor(page, '\n# second note');
  await expect(banner).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('gauge')).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('mut-value')).toHaveText('1');
});
