import { expect, test, type Page } from '@playwright/test';
import {
  collectErrors,
  editLine,
  editorLines,
  openApp,
  a11yViolations,
  scrollEditorTo,
  waitForAnalysis,
  waitForEditor,
} from './helpers';

const mut = (page: Page) => page.getByTestId('mut-value');

test('the worked example as a learner plays it: 1 → 2 → 3, the attacker, a reload, the debrief', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  // A tiny quick pass (`?quick`): even this small cluster gets its interval first, so the
  // gauge's "still proving" and then the proved value can be seen.
  await openApp(page, '/?quick=0.0001');

  // Briefing: the worked example is the default, and its cluster is analysed already.
  await expect(page.getByTestId('scenario-picker')).toHaveValue('worked-example');
  await expect(mut(page)).toHaveText('1');
  await expect(page.getByRole('img', { name: 'Mess-up tolerance: 1' })).toBeVisible();
  expect(await a11yViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await waitForEditor(page);
  await expect(page.getByTestId('stage-goal')).toHaveText('Goal: MUT ≥ 2');
  expect(await a11yViolations(page)).toEqual([]);

  // Stage 1: turn anonymous authentication off, typed in Monaco.
  await editLine(page, '--anonymous-auth=true', 4, 'false');
  await expect(mut(page)).toHaveText('2');
  await expect(page.getByRole('status').filter({ hasText: 'Mess-up tolerance 2' })).toBeAttached();
  await expect(page.getByTestId('stage-won')).toBeVisible();
  expect(await a11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Next stage' }).click();

  // Stage 2: make the endpoint private.
  await expect(page.getByTestId('stage-goal')).toHaveText('Goal: MUT ≥ 3');
  await waitForEditor(page);
  await waitForAnalysis(page);
  // Every label the gauge shows from here on, in order (a proof this small lands at once).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { gaugeLabels: string[] }).gaugeLabels = seen;
    const gauge = document.querySelector('[data-testid="gauge"]')!;
    const record = () => {
      const label = gauge.querySelector('[data-testid="mut-value"]')?.getAttribute('aria-label');
      if (label && seen[seen.length - 1] !== label) seen.push(label);
    };
    new MutationObserver(record).observe(gauge, {
      subtree: true,
      attributes: true,
      childList: true,
      characterData: true,
    });
  });
  await editLine(page, '--bind-address=0.0.0.0', 7, '10.0.0.10');
  await expect(mut(page)).toHaveText('3');
  // The quick pass showed the interval, then the proof its value.
  const labels = await page.evaluate(
    () => (window as unknown as { gaugeLabels: string[] }).gaugeLabels,
  );
  expect(labels.slice(-2)).toEqual([
    'Mess-up tolerance: between 2 and 3, still proving',
    'Mess-up tolerance: 3',
  ]);
  await expect(page.getByTestId('stage-won')).toBeVisible();
  await expect(page.getByTestId('gauge')).toContainText('This session:');

  // The attacker plays the cheapest attack: three mistakes, counted where they happen.
  await page.getByRole('button', { name: '2×' }).click();
  await page.getByRole('button', { name: 'Play attacker' }).click();
  await expect(page.getByTestId('mistake')).toContainText('mistake 3 of 3', { timeout: 20_000 });
  await expect(page.getByTestId('attacker-status')).toHaveAttribute('data-state', 'breach');
  await expect(page.locator('#transcript li')).not.toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('won.png') });

  // A reload keeps the edits, and comes back to stage 2 itself, not to the briefing.
  await page.reload();
  await expect(page.getByTestId('stage-goal')).toHaveText('Goal: MUT ≥ 3');
  await waitForEditor(page);
  await expect(mut(page)).toHaveText('3');
  await scrollEditorTo(page, '--bind-address');
  expect((await editorLines(page)).join('\n')).toContain('--bind-address=10.0.0.10');

  await page.getByRole('button', { name: /Finish: read the debrief/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Debrief:/ })).toBeVisible();
  expect(await a11yViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('debrief.png') });

  expect(errors).toEqual([]);
});

test('reset asks first in a dialog and can be undone; a map node jumps the editor to its line', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await waitForEditor(page);
  await editLine(page, '--anonymous-auth=true', 4, 'false');
  await expect(mut(page)).toHaveText('2');

  await page.getByRole('button', { name: 'Reset stage…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset this stage?' });
  await expect(dialog).toBeVisible();
  expect(await a11yViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Reset stage' }).click();
  await expect(mut(page)).toHaveText('1');
  await page.getByRole('button', { name: 'Undo reset' }).click();
  await expect(mut(page)).toHaveText('2');

  // A node is clicked on its shape, as a person would: its label may sit apart from it.
  await page.locator('[data-node="api"] circle').first().click();
  await expect(page.getByTestId('node-info')).toContainText('kube-apiserver.yaml');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-file', 'kube-apiserver.yaml');
  await page.locator('[data-node="id:group:developers"] circle').first().click();
  await expect(page.getByTestId('editor')).toHaveAttribute('data-file', 'rbac.yaml');
  await expect(page.getByTestId('read-only-note')).toBeVisible();
  expect(errors).toEqual([]);
});
