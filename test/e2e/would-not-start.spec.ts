import { expect, test } from '@playwright/test';
import { editLine, openApp, waitForEditor } from './helpers';

// `--anonymous-auth=fals` is not "anonymous authentication off": kube-apiserver refuses the
// value and exits. The page says so and the stage is not won until the value is one it reads.
test('a flag value the API server refuses: a banner says why, and the stage is not won', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByRole('button', { name: /Start stage 1|Continue at stage/ }).click();
  await waitForEditor(page);

  await editLine(page, '--anonymous-auth=true', 4, 'fals');
  const banner = page.getByRole('alert').filter({ hasText: 'kube-apiserver would not start' });
  await expect(banner).toContainText('The stage is not won while it would not start');
  await expect(page.getByTestId('stage-won')).toHaveCount(0);

  // The learner types on where the cursor is: the missing `e`.
  await page.keyboard.type('e');
  await expect(page.getByTestId('mut-value')).toHaveText('2');
  await expect(page.getByTestId('stage-won')).toBeVisible();
});
