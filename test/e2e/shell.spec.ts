import { expect, test } from '@playwright/test';
import {
  editorLines,
  focusEditorAtEnd,
  openApp,
  seriousA11yViolations,
  typeIntoEditor,
  waitForEditor,
} from './helpers';

test('the shell loads Monaco lazily, flags broken YAML typed in it, and passes axe', async ({
  page,
}) => {
  const { foreignRequests } = await openApp(page);

  await expect(page.getByRole('banner')).toContainText('MUT Lab');
  await expect(page.getByRole('region', { name: 'Cluster map' }).locator('svg')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Mess-up tolerance' })).toBeVisible();
  await expect(page.getByTestId('mut-value')).toHaveText('–');

  await waitForEditor(page);
  await expect(page.getByTestId('editor')).toContainText('kind: Pod');
  await expect(page.locator('.squiggly-error')).toHaveCount(0);

  // Bad indentation: `c` starts at neither `extra`'s column nor `b`'s. The YAML worker
  // must report it as an error marker, drawn as a squiggle.
  await focusEditorAtEnd(page);
  await typeIntoEditor(page, 'extra:\n  b: 1\n c: 2');
  expect((await editorLines(page)).slice(-3)).toEqual(['extra:', '  b: 1', ' c: 2']);
  await expect(page.locator('.squiggly-error').first()).toBeAttached();

  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(foreignRequests).toEqual([]);
});
