import { expect as baseExpect, test, type Page } from '@playwright/test';
import {
  a11yViolations,
  collectErrors,
  editLine,
  editorLines,
  focusInEditor,
  historyInView,
  inViewport,
  openApp,
  scrollsSideways,
  waitForEditor,
} from './helpers';

// The machine these run on is shared and often loaded: waits are generous, never skipped.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 300_000 });

const sizes = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

const mut = (page: Page) => page.getByTestId('mut-value');
const history = (page: Page) =>
  page.getByRole('list', { name: 'Mess-up tolerance this session' }).locator('li:not(.lead)');

/** On a phone the editor is a tab of its own; from 1280 px it is always there. */
async function showEditor(page: Page) {
  const tab = page.getByRole('tab', { name: 'Editor' });
  if (await tab.isVisible()) await tab.click();
}

for (const size of sizes) {
  test(`${size.width}×${size.height}: typing on after a win stays in stage 1, the number in view`, async ({
    page,
  }, testInfo) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    await openApp(page);
    await page.getByRole('button', { name: 'Start stage 1' }).click();
    await showEditor(page);
    await waitForEditor(page);
    await expect(mut(page)).toHaveText('1');

    // "false" wins the stage; the learner keeps typing a comment without a pause.
    await editLine(page, '--anonymous-auth=true', 4, 'false');
    await expect(mut(page)).toHaveText('2');
    await expect(page.getByTestId('stage-won')).toBeVisible();
    await page.keyboard.type(' # turned off after review');

    // The focus never left the editor, the comment is all there, and this is still stage 1.
    expect(await focusInEditor(page)).toBe(true);
    // Monaco draws the typed text at its next frames: read once it has.
    await expect
      .poll(async () => (await editorLines(page)).join('\n'))
      .toContain('--anonymous-auth=false # turned off after review');
    await expect(page.getByTestId('where')).toHaveText('Stage 1 of 2');
    await expect(page.getByTestId('win-announcement')).toContainText('Stage 1 won');

    // The number, its goal and its history are on screen without scrolling.
    expect(await inViewport(page, '[data-testid=mut-value]')).toBe(true);
    expect(await inViewport(page, '[data-testid=gauge-target]')).toBe(true);
    await expect(history(page)).toHaveText(['1', '2']);
    // From 1280 px the whole history is drawn, beside the win's button.
    if (size.width >= 1280) expect(await historyInView(page)).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await a11yViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`stage1-won-${size.width}.png`) });

    // Moving on is the learner's choice; stage 2 goes to 3 the same way.
    await page.getByRole('button', { name: 'Next stage' }).click();
    await expect(page.getByTestId('where')).toHaveText('Stage 2 of 2');
    await showEditor(page);
    await waitForEditor(page);
    await editLine(page, '--bind-address=0.0.0.0', 7, '10.0.0.10');
    await expect(mut(page)).toHaveText('3');
    await expect(history(page)).toHaveText(['1', '2', '3']);
    expect(await inViewport(page, '[data-testid=mut-value]')).toBe(true);
    if (size.width >= 1280) expect(await historyInView(page)).toBe(true);
    expect(await focusInEditor(page)).toBe(true);
    // The last stage's win, announced: its own state, with "Finish: read the debrief".
    await expect(page.getByTestId('win-announcement')).toContainText('Stage 2 won');
    expect(await a11yViolations(page)).toEqual([]);

    if (size.width < 1280) {
      // The debrief on a phone, tab by tab (from 1280 px: the debrief test below).
      await page.getByRole('button', { name: /Finish: read the debrief/ }).click();
      await expect(page.getByRole('tab', { name: 'Debrief', exact: true })).toBeVisible();
      for (const tab of ['Debrief', 'Map', 'Editor', 'Ways in']) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute(
          'aria-selected',
          'true',
        );
        if (tab === 'Debrief')
          await expect(page.getByRole('heading', { level: 2, name: /^Debrief:/ })).toBeVisible();
        expect(await scrollsSideways(page)).toBe(false);
        expect(await a11yViolations(page)).toEqual([]);
      }
      await page.screenshot({ path: testInfo.outputPath(`debrief-${size.width}.png`) });
    }
    expect(errors).toEqual([]);
  });
}

test('the editor says how to leave it, and Esc then Tab does leave it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await waitForEditor(page);
  await expect(page.getByTestId('editor-keys')).toContainText('Esc then Tab');
  await expect(page.getByTestId('editor-keys')).toContainText('Ctrl+M');

  // Tab inside the editor indents (Monaco's convention)…
  await editLine(page, 'priorityClassName: system-node-critical', 0, '');
  await page.keyboard.press('Tab');
  expect(await focusInEditor(page)).toBe(true);
  // …and Esc, then Tab, moves on to what follows the editor.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await focusInEditor(page)).toBe(false);
});

test('skip links go to the map and the editor; the stage title is shown once', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await waitForEditor(page);
  await expect(page.getByText('Close the anonymous door', { exact: true })).toHaveCount(1);

  // From the top of the page, the first two Tab stops are the skip links.
  const fromTop = () =>
    page.evaluate(() => {
      // The body as the focus navigation starting point: Tab goes to the page's first stop.
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
  await fromTop();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the map' })).toBeFocused();
  await expect(page.getByRole('link', { name: 'Skip to the map' })).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#map-panel')).toBeFocused();

  await fromTop();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the editor' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => focusInEditor(page)).toBe(true);
});

test('a reload mid-stage returns to the same scenario, stage, hints and session history', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await waitForEditor(page);
  await editLine(page, '--anonymous-auth=true', 4, 'false');
  await expect(mut(page)).toHaveText('2');
  await page.getByRole('button', { name: 'Next stage' }).click();
  await page.getByRole('button', { name: 'Show hint 1 of' }).click();
  await expect(page.getByRole('list', { name: 'Hints' }).locator('li')).toHaveCount(1);

  await page.reload();
  await expect(page.getByTestId('where')).toHaveText('Stage 2 of 2');
  await expect(page.getByTestId('stage-goal')).toHaveText('Goal: MUT ≥ 3');
  await expect(page.getByRole('list', { name: 'Hints' }).locator('li')).toHaveCount(1);
  await expect(mut(page)).toHaveText('2');
  await expect(history(page)).toHaveText(['1', '2']);
  expect(await a11yViolations(page)).toEqual([]);

  // Win, reach the debrief, reload: still the debrief, with the whole history.
  await waitForEditor(page);
  await editLine(page, '--bind-address=0.0.0.0', 7, '10.0.0.10');
  await expect(mut(page)).toHaveText('3');
  await page.getByRole('button', { name: /Finish: read the debrief/ }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: /^Debrief:/ })).toBeVisible();
  await expect(history(page)).toHaveText(['1', '2', '3']);
  await expect(mut(page)).toHaveText('3');

  // Another scenario picked is the one a reload opens.
  await page.getByTestId('scenario-picker').selectOption('cloud-metadata');
  await page.reload();
  await expect(page.getByTestId('scenario-picker')).toHaveValue('cloud-metadata');
});

test('the debrief: the final MUT drawn as met, the editor says why it is read-only, the table fits', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  for (let stage = 0; stage < 2; stage++) {
    // A learner's browser: the solution asks first, since it ends the exercise.
    await page.getByRole('button', { name: 'Load reference solution' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Load the solution' }).click();
    await expect(page.getByTestId('stage-won')).toBeVisible();
    await page.getByTestId('stage-won').getByRole('button').click();
  }
  await expect(page.getByRole('heading', { level: 2, name: /^Debrief:/ })).toBeVisible();
  await expect(mut(page)).toHaveText('3');
  await expect(mut(page)).toHaveClass(/meets/);
  await expect(page.getByTestId('read-only-note')).not.toContainText('until the stage starts');
  await expect(page.getByTestId('read-only-note')).toContainText('finished');

  const table = page.getByTestId('debrief').locator('table').first();
  await expect(table).toBeVisible();
  const box = await page.locator('#brief-panel').boundingBox();
  const map = await page.locator('#map-panel').boundingBox();
  const visible = await page.getByTestId('debrief').boundingBox();
  expect(box && map && visible).toBeTruthy();
  // The table scrolls inside its panel: nothing of it is drawn over the map column.
  expect(visible!.x + visible!.width).toBeLessThanOrEqual(box!.x + box!.width);
  expect(box!.x + box!.width).toBeLessThanOrEqual(map!.x);
  expect(await a11yViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('debrief-1440.png') });
});
