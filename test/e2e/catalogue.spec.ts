import { expect, test } from '@playwright/test';
import { collectErrors, openApp, waitForEditor } from './helpers';

test('every scenario of the catalogue plays through with its reference solutions', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  // The instructor's browser: the reference solution loads without a confirmation.
  await openApp(page, '/#/worked-example?instructor');
  const picker = page.getByTestId('scenario-picker');
  await expect(page.getByTestId('mut-value')).not.toHaveText('–');
  // The scenarios: the picker's last entry opens "Your cluster" (#/your-cluster), not one.
  const ids = await picker
    .locator('option:not([value^="#"])')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(ids.length).toBeGreaterThan(0);
  expect(ids[0]).toBe('worked-example');

  for (const id of ids) {
    await picker.selectOption(id);
    await page.getByRole('button', { name: /Start stage 1|Continue at stage/ }).click();
    await waitForEditor(page);
    for (;;) {
      await page.getByRole('button', { name: 'Load reference solution' }).click();
      await expect(
        page.getByTestId('stage-won'),
        `${id}: the solution wins the stage`,
      ).toBeVisible();
      const finish = page.getByRole('button', { name: /Finish: read the debrief/ });
      if (await finish.isVisible()) {
        await finish.click();
        break;
      }
      await page.getByRole('button', { name: 'Next stage' }).click();
    }
    await expect(page.getByRole('heading', { level: 2, name: /^Debrief:/ })).toBeVisible();
  }
  expect(errors).toEqual([]);
});
