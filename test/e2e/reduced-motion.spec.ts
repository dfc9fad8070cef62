import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp } from './helpers';

/** The attacker marker's transform now and 60 ms later: equal once it stands still. */
async function attackerAfterStep(page: Page): Promise<[string | null, string | null]> {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const marker = page.locator('svg g.attacker');
  await expect(marker).toHaveAttribute('visibility', 'visible');
  const first = await marker.getAttribute('transform');
  await page.waitForTimeout(60);
  return [first, await marker.getAttribute('transform')];
}

async function stepTwice(page: Page): Promise<[string | null, string | null]> {
  await openApp(page);
  await expect(page.getByTestId('mut-value')).toHaveText('1');
  await page.getByRole('button', { name: /Start stage 1/ }).click();
  // The first step places the attacker; the second moves it to the next node.
  await attackerAfterStep(page);
  return attackerAfterStep(page);
}

test('with prefers-reduced-motion the attacker jumps from node to node', async ({ page }) => {
  const errors = collectErrors(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const [now, later] = await stepTwice(page);
  expect(now).not.toBeNull();
  expect(later).toBe(now);
  expect(errors).toEqual([]);
});

test('without it the attacker walks (the comparison that makes the test above mean something)', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const [now, later] = await stepTwice(page);
  expect(later).not.toBe(now);
});
