import { readFileSync } from 'node:fs';
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

// The views added since (the library, "Your cluster" and its reports) run under the same
// policy: every violation is reported to the test as it happens, from the
// page and from its workers, so a reload or a worker restart loses none.
test('the library, Your cluster and its reports raise no violation', async ({ page }) => {
  test.setTimeout(180_000);
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (where: string) => violations.push(where));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (globalThis as unknown as { reportViolation(v: string): void }).reportViolation(
        `page: ${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  const workers: import('@playwright/test').Worker[] = [];
  page.on('worker', (worker) => {
    workers.push(worker);
    void worker
      .evaluate(() => {
        const seen: string[] = [];
        (self as unknown as { cspSeen: string[] }).cspSeen = seen;
        self.addEventListener('securitypolicyviolation', (event) =>
          seen.push(`worker: ${event.violatedDirective} ${event.blockedURI}`),
        );
      })
      .catch(() => {});
  });
  const errors = collectErrors(page);

  await page.goto('/#/');
  await expect(page.getByTestId('library-card').first()).toBeVisible({ timeout: 60_000 });
  await page.goto('/#/your-cluster');
  const cluster = 'scenarios/01-worked-example/cluster';
  await page
    .getByTestId('sandbox-paste')
    .fill(
      `${readFileSync(`${cluster}/kube-apiserver.yaml`, 'utf8')}\n---\n${readFileSync(`${cluster}/rbac.yaml`, 'utf8')}`,
    );
  await page.getByTestId('sandbox-analyse').click();
  await expect(page.getByTestId('mut-value')).toHaveText('1', { timeout: 60_000 });
  await waitForEditor(page);
  for (const id of ['export-svg', 'export-png', 'export-md', 'export-json']) {
    const download = page.waitForEvent('download');
    await page.getByTestId(id).click();
    await download;
  }
  await expect(page.getByTestId('reports').getByRole('status')).toHaveText(
    'Analysis (JSON) downloaded.',
  );

  const fromWorkers: string[] = [];
  for (const worker of workers)
    fromWorkers.push(
      ...(await worker
        .evaluate(() => (self as unknown as { cspSeen?: string[] }).cspSeen ?? [])
        // A worker ended on purpose (the catalogue's, a cancelled import) has nothing to say.
        .catch(() => [] as string[])),
    );
  expect(workers.length).toBeGreaterThan(0);
  expect(violations).toEqual([]);
  expect(fromWorkers).toEqual([]);
  expect(errors).toEqual([]);
});
