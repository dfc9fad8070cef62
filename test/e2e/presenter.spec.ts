import { expect as baseExpect, test, type Page } from '@playwright/test';
import {
  a11yViolations,
  collectErrors,
  mapCollisions,
  mapLabels,
  openApp,
  waitForEditor,
} from './helpers';

// The machine these run on is shared and often loaded: waits are generous, never skipped.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 300_000 });

const presenter = (page: Page) => page.getByTestId('presenter');
const caption = (page: Page) => page.getByTestId('presenter-caption');
const presenterMut = (page: Page) => presenter(page).getByTestId('mut-value');

/** The show a speaker rehearses, by keyboard alone; returns what the room saw at each key. */
async function show(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const note = async () =>
    seen.push(`${await presenterMut(page).textContent()}|${await caption(page).textContent()}`);
  await page.keyboard.press('p');
  await expect(presenter(page)).toBeVisible();
  await note();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(caption(page)).toContainText('Step 2 of 4');
  await note();
  await page.keyboard.press('ArrowLeft');
  await expect(caption(page)).toContainText('Step 1 of 4');
  await note();
  // S types the reference solution into the editor, visibly; the number changes when it lands.
  await page.keyboard.press('s');
  await expect(page.locator('#editor-panel')).toBeVisible();
  await expect(presenterMut(page)).toHaveText('2', { timeout: 20_000 });
  await note();
  await page.keyboard.press('n');
  await expect(
    presenter(page).getByRole('heading', { name: 'Take the API server off the Internet' }),
  ).toBeVisible();
  await note();
  return seen;
}

test('presenter mode by keyboard alone: P, arrows, S types the fix, N, the same show twice', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await waitForEditor(page);
  await page.locator('body').click({ position: { x: 5, y: 300 } });

  const first = await show(page);
  // Large enough for the back of a room: the number ≥ 120 px, labels ≥ 18 px, none overlapping.
  const gauge = await presenterMut(page).boundingBox();
  expect(gauge?.height).toBeGreaterThanOrEqual(120);
  const labels = await mapLabels(page, '[data-testid=presenter] [data-testid=cluster-map]');
  expect(labels.count).toBeGreaterThan(0);
  expect(labels.smallest).toBeGreaterThanOrEqual(18);
  expect(labels.overlaps).toEqual([]);
  expect(await a11yViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('presenter-1280x720.png') });

  // Space plays the attack; Escape leaves presenter mode.
  await page.keyboard.press(' ');
  await expect(presenter(page)).toHaveAttribute('data-playback', /playing|breach/);
  // The attack under way: the caption, the taken edges and broken shields, in the dark theme.
  await expect(caption(page)).toContainText(/Step [1-9]/);
  expect(await a11yViolations(page)).toEqual([]);
  await page.keyboard.press(' ');
  await page.keyboard.press('Escape');
  await expect(presenter(page)).toBeHidden();

  // The same keys from the same start give the same show.
  await page.evaluate(() => localStorage.clear());
  // The address now names the place the show reached: the start is the bare page.
  await page.goto('/');
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await waitForEditor(page);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  expect(await show(page)).toEqual(first);
  expect(errors).toEqual([]);
});

test('presenter mode at 1920×1080: readable, high contrast, nothing overlapping', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(presenter(page)).toBeVisible();
  await expect(presenterMut(page)).toHaveText('1');
  await page.keyboard.press('ArrowRight');
  const labels = await mapLabels(page, '[data-testid=presenter] [data-testid=cluster-map]');
  expect(labels.smallest).toBeGreaterThanOrEqual(18);
  expect(labels.overlaps).toEqual([]);
  // The Internet → API server edge was drawn behind the VPN: the attack read as going through it.
  expect(
    (await mapCollisions(page, '[data-testid=presenter] [data-testid=cluster-map]')).collisions,
  ).toEqual([]);
  expect((await presenterMut(page).boundingBox())?.height).toBeGreaterThanOrEqual(120);
  expect(await a11yViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('presenter-1920x1080.png') });
});
