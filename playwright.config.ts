import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

const noChromium =
  'No Chromium found: install it with `apt-get install chromium` (or set CHROME_PATH)';

/** CHROME_PATH, else Debian's chromium, else a browser Playwright installed itself. */
function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own here.
  }
  return undefined;
}

const executablePath = findChromium();
// Several checkouts on one machine can test side by side, each on its own port.
const port = Number(process.env.E2E_PORT ?? 4173);
if (!executablePath) {
  // Fail loudly, never skip: a green run without a browser would prove nothing.
  console.error(noChromium);
  process.exit(1);
}

export default defineConfig({
  testDir: 'test/e2e',
  // Two cores: one worker for the tests, the other for the preview server and the browser.
  // Two workers took the suite from 10.0–10.6 min to 6.9–9.4 min on a loaded machine
  // (2026-12-03), but the worked-example test timed out once in three such runs (its editor
  // never drew a current line in stage 2): not kept until that is understood.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --strictPort --port ${port}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
