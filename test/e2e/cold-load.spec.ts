import { expect, test } from '@playwright/test';
import { openApp, waitForEditor } from './helpers';

// A cold load at "/" completes the address to the default scenario's place. That completion
// used to open the scenario a second time, so the first analysis was thrown away and a second
// one asked for: the first MUT waited for two analyses (src/ui/state/router.svelte.ts).
test('a cold load analyses the default scenario once before showing its MUT', async ({ page }) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => {
    const kinds: string[] = [];
    (window as unknown as { engineRequests: string[] }).engineRequests = kinds;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
      const kind = (message as { kind?: unknown } | null)?.kind;
      if (typeof kind === 'string') kinds.push(kind);
      return post.call(this, message, ...rest);
    };
  });
  await openApp(page);
  await expect(page.getByTestId('mut-value')).toHaveText('1', { timeout: 60_000 });
  await expect(page).toHaveURL(/#\/worked-example$/);
  // Monaco and the rest of the page have loaded too: nothing asks again once they have.
  await waitForEditor(page);
  const requests = () =>
    page.evaluate(() => (window as unknown as { engineRequests: string[] }).engineRequests);
  expect((await requests()).filter((kind) => kind === 'analyze')).toEqual(['analyze']);
  expect(await requests()).not.toContain('cancel');
});
