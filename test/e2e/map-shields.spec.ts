import { expect as baseExpect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

// A defence's shield sits on its edge, clear of every node: an edge that passes behind a
// node (Internet → API server behind the VPN, in the worked example's debrief) had its shield
// drawn on the VPN's name.

const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 240_000 });

/** Every shield drawn over a node's disc, in the visible map under `within`. */
async function shieldsOnNodes(page: Page, within: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const svg = [...document.querySelectorAll<SVGSVGElement>(sel)].find(
      (s) => s.getClientRects().length > 0,
    );
    if (!svg) return ['no visible map'];
    const discs = [...svg.querySelectorAll<SVGGElement>('g.node')].map((g) => {
      const r = g.querySelector('circle')!.getBoundingClientRect();
      return {
        id: g.dataset.node ?? '',
        x: r.x + r.width / 2,
        y: r.y + r.height / 2,
        r: r.width / 2,
      };
    });
    const out: string[] = [];
    for (const shield of svg.querySelectorAll<SVGGElement>('[data-shield]')) {
      const b = shield.getBoundingClientRect();
      const x = b.x + b.width / 2;
      const y = b.y + b.height / 2;
      for (const disc of discs)
        if (Math.hypot(disc.x - x, disc.y - y) < disc.r + Math.min(b.width, b.height) / 2)
          out.push(`${shield.dataset.shield} on ${disc.id}`);
    }
    return out;
  }, within);
}

test('shields sit clear of the nodes, on the page and in presenter mode', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // No animation: the map is measured where it is drawn, not on its way there.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  // The debrief's attack goes past the VPN: its shields are the ones that were misplaced.
  for (let stage = 0; stage < 2; stage++) {
    await page.getByRole('button', { name: 'Load reference solution' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Load the solution' }).click();
    await page.getByTestId('stage-won').getByRole('button').click();
  }
  await expect(page.getByRole('heading', { level: 2, name: /^Debrief:/ })).toBeVisible();
  await expect(page.getByTestId('mut-value')).toHaveText('3');
  const map = page.getByTestId('cluster-map');
  await expect(map.locator('[data-shield]').first()).toBeAttached();
  await expect(map.locator('[data-node=remote-access]')).toBeAttached();
  expect(await shieldsOnNodes(page, '#map-panel [data-testid=cluster-map]')).toEqual([]);

  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('p');
  const presenterMap = page.locator('[data-testid=presenter] [data-testid=cluster-map]');
  await expect(presenterMap.locator('[data-node=remote-access]')).toBeVisible();
  await expect(presenterMap.locator('[data-shield]').first()).toBeVisible();
  expect(await shieldsOnNodes(page, '[data-testid=presenter] [data-testid=cluster-map]')).toEqual(
    [],
  );
});
