import { expect, test } from '@playwright/test';
import { collectErrors, focusEditorAtEnd, openApp, typeIntoEditor, waitForEditor } from './helpers';

test('broken YAML: a marker, a banner, the last good analysis marked stale, and no crash', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const { foreignRequests } = await openApp(page);
  await expect(page.getByTestId('mut-value')).toHaveText('1');
  await page.getByRole('button', { name: /Start stage 1|Continue at stage/ }).click();
  await waitForEditor(page);
  await expect(page.getByTestId('editor')).toContainText('kind: Pod');

  // Bad indentation: `c` starts at neither `extra`'s column nor `b`'s.
  await focusEditorAtEnd(page);
  await typeIntoEditor(page, '\nextra:\n  b: 1\n c: 2');
  // The error marker is set on the model at the error's position.
  await expect(page.getByTestId('editor')).toHaveAttribute('data-errors', /^[1-9]/);
  const banner = page
    .getByRole('alert')
    .filter({ hasText: 'The YAML in kube-apiserver.yaml has an error at line' });
  await expect(banner).toContainText('showing the last good analysis');
  await expect(page.getByTestId('gauge')).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('gauge')).toContainText('stale');
  await expect(page.getByTestId('mut-value')).toHaveText('1');

  // Fixing it clears the banner and the stale mark.
  for (let i = 0; i < 20; i++) await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByTestId('gauge')).toHaveAttribute('data-stale', 'false');
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('editor')).toHaveAttribute('data-errors', '0');

  expect(foreignRequests).toEqual([]);
  expect(errors).toEqual([]);
});
