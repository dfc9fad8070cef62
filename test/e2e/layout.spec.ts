import { expect as baseExpect, test } from '@playwright/test';
import {
  a11yViolations,
  focusInEditor,
  inViewport,
  mapLabels,
  openApp,
  scrollEditorTo,
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

for (const size of sizes) {
  test.describe(`${size.width} px`, () => {
    // A phone is used by touch.
    test.use({ viewport: size, hasTouch: size.width < 1280 });
    test(`${size.width}×${size.height}: the number in view, a readable map, no sideways scrolling`, async ({
      page,
    }, testInfo) => {
      await openApp(page);
      await expect(page.getByTestId('mut-value')).toHaveText('1');
      expect(await a11yViolations(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`briefing-${size.width}.png`) });
      await page.getByRole('button', { name: 'Start stage 1' }).click();
      await waitForEditor(page);
      expect(await inViewport(page, '[data-testid=mut-value]')).toBe(true);
      expect(await scrollsSideways(page)).toBe(false);

      const phone = size.width < 1280;
      if (phone) await page.getByRole('tab', { name: 'Map' }).click();
      else {
        // Map and editor side by side, both whole on screen.
        const map = await page.locator('#map-panel').boundingBox();
        const editor = await page.locator('#editor-panel').boundingBox();
        expect(map!.x + map!.width).toBeLessThanOrEqual(editor!.x);
        expect(await inViewport(page, '#map-panel')).toBe(true);
        expect(await inViewport(page, '#editor-panel')).toBe(true);
        expect(map!.width * map!.height).toBeGreaterThan((size.width * size.height) / 4);
      }
      const labels = await mapLabels(page);
      expect(labels.count).toBeGreaterThan(0);
      expect(labels.smallest).toBeGreaterThanOrEqual(12);
      expect(labels.overlaps).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);
      expect(await a11yViolations(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`map-${size.width}x${size.height}.png`) });

      if (phone) {
        // Every tab by touch; a tap into the editor lands in the editor.
        for (const tab of ['Brief', 'Ways in', 'Editor']) {
          await page.getByRole('tab', { name: tab }).tap();
          await expect(page.getByRole('tab', { name: tab })).toHaveAttribute(
            'aria-selected',
            'true',
          );
          expect(await scrollsSideways(page)).toBe(false);
          expect(await a11yViolations(page)).toEqual([]);
          await page.screenshot({ path: testInfo.outputPath(`tab-${tab}-${size.width}.png`) });
        }
        await scrollEditorTo(page, 'anonymous-auth');
        await page.getByTestId('editor').locator('.view-line', { hasText: 'anonymous-auth' }).tap();
        expect(await focusInEditor(page)).toBe(true);

        // Presenter mode on a narrow screen: the caption wraps below the number, whole on
        // screen (it ran off the right edge, beside the gauge).
        await page.locator('header').tap({ position: { x: 2, y: 2 } });
        await page.keyboard.press('p');
        await expect(page.getByTestId('presenter-caption')).not.toBeEmpty();
        expect(await inViewport(page, '[data-testid=presenter-caption]')).toBe(true);
        expect(await inViewport(page, '[data-testid=presenter] [data-testid=mut-value]')).toBe(
          true,
        );
        expect(await a11yViolations(page)).toEqual([]);
        await page.screenshot({ path: testInfo.outputPath(`presenter-${size.width}.png`) });
        await page.keyboard.press('Escape');
      } else {
        await page.getByRole('tab', { name: 'Ways in' }).click();
        await expect(page.locator('#ways-panel')).toBeVisible();
        expect(await a11yViolations(page)).toEqual([]);
      }
    });
  });
}

test('the cloud-metadata map at 1280×720: labels of 12 px or more, none overlapping', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByTestId('scenario-picker').selectOption('cloud-metadata');
  await expect(page.getByTestId('cluster-map')).not.toHaveAttribute('data-nodes', '0');
  await page.getByRole('button', { name: /Start stage 1/ }).click();
  await waitForEditor(page);
  const labels = await mapLabels(page);
  expect(labels.smallest).toBeGreaterThanOrEqual(12);
  expect(labels.overlaps).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('cloud-metadata-1280x720.png') });
});
