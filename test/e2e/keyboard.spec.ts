import { expect, test } from '@playwright/test';
import { collectErrors, openApp, tabTo } from './helpers';

test('keyboard alone: pick the scenario, start, switch tabs, reveal a hint, play the attacker', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openApp(page);
  await expect(page.getByTestId('mut-value')).toHaveText('1');

  // The scenario picker: another scenario, then back to the worked example.
  await tabTo(page, /Count the mistakes/);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('scenario-picker')).not.toHaveValue('worked-example');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('scenario-picker')).toHaveValue('worked-example');

  await tabTo(page, /Start stage 1/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stage-goal')).toBeVisible();

  await tabTo(page, /Show hint 1 of 3/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Hints' }).locator('li')).toHaveCount(1);

  await tabTo(page, /Play attacker/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('attacker-status')).toHaveAttribute('data-state', /playing|breach/);

  // The manifest tabs (the brief's own tabs are another tab list).
  const files = page.getByRole('tablist', { name: 'Manifest files' });
  await tabTo(page, /^kube-apiserver\.yaml/);
  await page.keyboard.press('ArrowRight');
  await expect(files.getByRole('tab', { selected: true })).toContainText('rbac.yaml');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-file', 'rbac.yaml');
  await page.keyboard.press('End');
  await expect(files.getByRole('tab', { selected: true })).toContainText('threat-model.yaml');

  await expect(page.getByTestId('mistake')).toContainText('mistake 1 of 1', { timeout: 20_000 });
  expect(errors).toEqual([]);
});
