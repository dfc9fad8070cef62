import { readFile } from 'node:fs/promises';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { a11yViolations, collectErrors, editLine, openApp } from './helpers';

// The machine these run on is shared and often loaded: waits are generous, never skipped.
const expect = baseExpect.configure({ timeout: 30_000 });
// Each axe run takes up to a minute on a loaded machine (a 5 min run at a load of 24).
test.describe.configure({ timeout: 420_000 });

const mut = (page: Page) => page.getByTestId('mut-value');
const where = (page: Page) => page.getByTestId('where');
const card = (page: Page, id: string) =>
  page.locator(`[data-testid=library-card][data-id=${id}]`).getByTestId('library-progress');

test('a deep link opens stage 2, Back returns, progress is listed, survives a reload and moves by export/import', async ({
  page,
  browser,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, '/#/worked-example/2');
  await expect(where(page)).toHaveText('Stage 2 of 2');
  await expect(page.getByTestId('stage-goal')).toHaveText('Goal: MUT ≥ 3');
  await expect(mut(page)).toHaveText('2');

  // A learner's browser: the reference solution asks first, and says it ends the exercise.
  await page.getByRole('button', { name: 'Load reference solution…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load the reference solution?' });
  await expect(dialog).toContainText('ends the exercise');
  expect(await a11yViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(mut(page)).toHaveText('2');
  await page.getByRole('button', { name: 'Load reference solution…' }).click();
  await dialog.getByRole('button', { name: 'Load the solution' }).click();
  await expect(mut(page)).toHaveText('3');

  // The address follows the learner; Back goes to the place before.
  await page.getByRole('button', { name: /Finish: read the debrief/ }).click();
  await expect(page).toHaveURL(/#\/worked-example\/debrief$/);
  await page.goBack();
  await expect(page).toHaveURL(/#\/worked-example\/2$/);
  await expect(where(page)).toHaveText('Stage 2 of 2');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 2, name: /^Debrief:/ })).toBeVisible();

  // An address the page does not have: said, and the library instead of a blank page.
  await page.goto('/#/worked-example/7');
  await expect(page.getByTestId('route-problem')).toHaveText(
    /Count the mistakes: the worked example has 2 stages, not 7\./,
  );
  await expect(card(page, 'worked-example')).toHaveText(
    /✓ Completed · Stages won: 1 of 2 · best MUT reached: 3/,
  );
  await expect(card(page, 'kubelet')).toHaveText('Stages won: 0 of 2');
  await page.goto('/#/no-such-scenario/1');
  await expect(page.getByTestId('route-problem')).toHaveText(
    'There is no scenario “no-such-scenario” in this library. Choose a scenario below.',
  );
  await expect(card(page, 'worked-example')).toBeVisible();
  // The briefing has an address of its own too.
  await page.goto('/#/worked-example');
  await expect(page.getByRole('button', { name: /Start stage 1|Continue at stage/ })).toBeVisible();
  await expect(page.getByTestId('route-problem')).toHaveCount(0);
  await page.goto('/#/');
  await expect(
    page.getByTestId('scenario-picker').locator('option', { hasText: '✓ completed' }),
  ).toHaveCount(1);
  expect(await a11yViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('library-1280.png') });

  await page.reload();
  await expect(card(page, 'worked-example')).toHaveText(/Stages won: 1 of 2 · best MUT reached: 3/);

  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my progress (JSON)' }).click();
  const file = await (await json).path();
  const markdown = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export a summary (Markdown)' }).click();
  const summary = await readFile(await (await markdown).path(), 'utf8');
  expect(summary).toMatch(
    /\| Count the mistakes: the worked example \| 1 of 2 \| 3 \| Take the API server off the Internet \| \d+ min \| yes \|/,
  );

  // Another machine: a fresh browser, the file imported.
  const other = await browser.newContext();
  const there = await other.newPage();
  await there.goto('/#/');
  await expect(card(there, 'worked-example')).toHaveText('Stages won: 0 of 2');
  await there.getByTestId('progress-import').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something else"}'),
  });
  await expect(there.getByTestId('progress-note')).toHaveText(/Nothing was imported/);
  await there.getByTestId('progress-import').setInputFiles(file);
  await expect(there.getByTestId('progress-note')).toHaveText(/Progress of 1 scenario restored/);
  await expect(card(there, 'worked-example')).toHaveText(
    /✓ Completed · Stages won: 1 of 2 · best MUT reached: 3/,
  );
  await other.close();
  expect(errors).toEqual([]);
});

test('a share link carries a stage’s edits into a fresh browser, asks first, and a tampered one changes nothing', async ({
  page,
  browser,
}) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, '/#/worked-example/1');
  // A cold load of Monaco in a fresh browser: over 30 s under a load of 19 on 2 cores.
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true', {
    timeout: 90_000,
  });
  await expect(mut(page)).toHaveText('1');
  await editLine(page, '--anonymous-auth=true', 4, 'false # shared');
  await expect(mut(page)).toHaveText('2');
  await page.getByRole('button', { name: 'Copy link to my work' }).click();
  const link = await page.getByLabel('Link to your work').inputValue();
  expect(link).toMatch(/#\/worked-example\/1\?work=1\.[\w-]+\.[\w-]+$/);

  const other = await browser.newContext();
  const there = await other.newPage();
  const thereErrors = collectErrors(there);
  await there.setViewportSize({ width: 1280, height: 720 });
  // The other learner has work of their own in that stage (a comment: still MUT 1).
  await there.goto('/#/worked-example/1');
  await expect(there.getByTestId('editor')).toHaveAttribute('data-ready', 'true', {
    timeout: 90_000,
  });
  await editLine(there, '--anonymous-auth=true', 0, ' # mine');
  await expect(mut(there)).toHaveText('1');
  await there.goto(link);
  const incoming = there.getByTestId('incoming-work');
  await expect(incoming).toContainText('Count the mistakes: the worked example, stage 1');
  await expect(incoming.getByRole('listitem')).toHaveText([/^kube-apiserver\.yaml, \d\.\d KiB$/]);
  await expect(mut(there)).toHaveText('1');
  // The share prompt is a new view: axe's default rules, not only the WCAG tags.
  expect(await a11yViolations(there)).toEqual([]);
  await incoming.getByRole('button', { name: 'Load the link’s work' }).click();
  await expect(mut(there)).toHaveText('2');
  await expect(there).toHaveURL(/#\/worked-example\/1$/);

  // One character changed: refused in words, and the page keeps what it has.
  const at = link.length - 12;
  const tampered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
  await there.goto(tampered);
  await expect(there.getByTestId('share-problem')).toHaveText(/damaged.*Nothing was changed/);
  await expect(there.getByTestId('incoming-work')).toHaveCount(0);
  expect(await a11yViolations(there)).toEqual([]);
  await expect(mut(there)).toHaveText('2');

  // What the link replaced stays restorable, after a reload too.
  await there.reload();
  await expect(mut(there)).toHaveText('2');
  await there.getByTestId('link-backup').getByRole('button', { name: 'Restore my edits' }).click();
  await expect(mut(there)).toHaveText('1');
  await expect(there.getByTestId('link-backup')).toHaveCount(0);
  expect(thereErrors).toEqual([]);
  await other.close();

  // A class link hides the solution; the instructor's link brings it back, without asking.
  await page.goto('/#/worked-example/1?solution=hidden&hints=1');
  await expect(page).toHaveURL(/#\/worked-example\/1$/);
  await expect(page.getByTestId('solution-hidden')).toBeVisible();
  await expect(page.getByRole('button', { name: /Load reference solution/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show hint 1 of 1' }).click();
  await expect(page.getByTestId('hint-limit')).toContainText('allow 1 hint');
  await page.reload();
  await expect(page.getByTestId('solution-hidden')).toBeVisible();

  await page.goto('/#/?instructor');
  await expect(page.getByTestId('instructor-panel')).toBeVisible();
  expect(await a11yViolations(page)).toEqual([]);
  await page.goto('/#/worked-example/1');
  await page.getByRole('button', { name: 'Reset stage…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset stage' }).click();
  await expect(mut(page)).toHaveText('1');
  await page.getByRole('button', { name: 'Load reference solution', exact: true }).click();
  await expect(mut(page)).toHaveText('2');
  expect(errors).toEqual([]);
});
