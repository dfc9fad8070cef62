import { expect, test } from '@playwright/test';
import { contentSecurityPolicy } from '../../scripts/csp';
import { collectErrors, waitForEditor } from './helpers';

// The built page runs under its strict Content Security Policy (a <meta> in index.html and,
// from `vite preview`, the same policy as a header): nothing is refused, and the worker
// still loads the scenarios (precompiled validators) and analyses.
test('the page works under its Content Security Policy, with no violation', async ({ page }) => {
  test.setTimeout(150_000);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const errors = collectErrors(page);
  const response = await page.goto('/');
  expect(response!.headers()['content-security-policy']).toBe(contentSecurityPolicy);
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(meta).toBe(contentSecurityPolicy);
  expect(meta).not.toMatch(/unsafe-eval/);
  expect(meta).toMatch(/script-src 'self';/);

  // The first analysis waits for the worker's start: slow on a shared machine.
  await expect(page.getByTestId('mut-value')).toHaveText('1', { timeout: 60_000 });
  await page.getByRole('button', { name: /Start stage 1|Continue at stage/ }).click();
  await waitForEditor(page);
  await expect(page.getByTestId('editor')).toContainText('kind: Pod');
  // Monaco's YAML worker validates too (its markers come from the worker).
  await page.waitForTimeout(1000);

  const violations = await page.evaluate(
    () => (globalThis as unknown as { cspViolations: string[] }).cspViolations,
  );
  expect(violations).toEqual([]);
  expect(refused).toEqual([]);
  expect(errors).toEqual([]);
});
