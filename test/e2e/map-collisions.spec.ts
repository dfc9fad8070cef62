import { expect as baseExpect, test } from '@playwright/test';
import { mapCollisions, openApp, waitForAnalysis } from './helpers';

// Every scenario's first stage, on a phone and at the smallest desktop size: no two nodes
// touch, no two labels overlap, no label lies on another node or is cut off by the panel, no
// edge is drawn behind a node it does not join.
// One page per size, moved from scenario to scenario by its address (no reloads).

const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 300_000 });

for (const size of [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
]) {
  test(`${size.width}×${size.height}: no map collisions on any scenario's first stage`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(page);
    await expect(page.getByTestId('mut-value')).toHaveText('1');
    const ids = await page
      .getByTestId('scenario-picker')
      .locator('option')
      .evaluateAll((options) =>
        options.map((o) => (o as HTMLOptionElement).value).filter((v) => /^[a-z0-9-]+$/.test(v)),
      );
    expect(ids.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const id of ids) {
      await page.evaluate((hash) => (location.hash = hash), `#/${id}/1`);
      await expect(page.getByTestId('where')).toHaveText(/^Stage 1 of/);
      const tab = page.getByRole('tab', { name: 'Map' });
      if (await tab.isVisible()) await tab.click();
      await waitForAnalysis(page);
      await expect(page.getByTestId('cluster-map')).not.toHaveAttribute('data-nodes', '0');
      // The layout is drawn a frame after the number.
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      const { nodes, collisions } = await mapCollisions(page);
      expect(nodes).toBeGreaterThan(0);
      found.push(...collisions.map((c) => `${id}: ${c}`));
    }
    expect(found).toEqual([]);
  });
}

test('a map taller than its panel says how many nodes are below, and the hint scrolls to them', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page, '/#/container-escapes/1');
  await page.getByRole('tab', { name: 'Map' }).click();
  await waitForAnalysis(page);
  const hint = page.getByRole('button', { name: /more below/ });
  await expect(hint).toBeVisible();
  const count = async () => Number((await hint.textContent())?.match(/\d+/)?.[0]);
  // The hint sits beside the drawing, never over it: no node or label is ever under it.
  const covered = () =>
    hint.evaluate((button) => {
      const b = button.getBoundingClientRect();
      const map = document.querySelector('[data-testid="cluster-map"]')!;
      // What the panel shows of the drawing: the rest is scrolled out of sight, not covered.
      const view = map.parentElement!.getBoundingClientRect();
      const nodes = [...map.querySelectorAll('g.node')];
      return nodes
        .filter((n) => {
          const r = n.getBoundingClientRect();
          const top = Math.max(r.top, view.top);
          const bottom = Math.min(r.bottom, view.bottom);
          return r.left < b.right && b.left < r.right && top < b.bottom && b.top < bottom;
        })
        .map((n) => (n as SVGGElement).dataset.node);
    });
  const first = await count();
  expect(first).toBeGreaterThan(0);
  expect(await covered()).toEqual([]);
  // Each press scrolls most of a panel: fewer below each time, then none and no hint.
  await hint.press('Enter');
  await expect.poll(count).toBeLessThan(first);
  for (let i = 0; i < 10 && (await hint.isVisible()); i++) {
    expect(await covered()).toEqual([]);
    await hint.click();
  }
  await expect(hint).toBeHidden();
  // At the end the bar offers the way back up.
  await page.getByRole('button', { name: /Back to the top/ }).click();
  await expect.poll(count).toBe(first);
  // On a map that fits its panel there is no hint at all.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.evaluate((hash) => (location.hash = hash), '#/worked-example/1');
  await expect(page.getByTestId('where')).toHaveText(/^Stage 1 of/);
  await waitForAnalysis(page);
  await expect(page.getByTestId('map-more-below')).toHaveCount(0);
});

test('a scenario is drawn the same whichever scenario the page showed before', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const drawn = async () => {
    await page.getByRole('tab', { name: 'Map' }).click();
    await waitForAnalysis(page);
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    return page
      .getByTestId('cluster-map')
      .locator('g.node')
      .evaluateAll((nodes) =>
        nodes.map((n) => `${(n as SVGGElement).dataset.node} ${n.getAttribute('transform')}`),
      );
  };
  await openApp(page, '/#/ingress-snippets/1');
  const fresh = await drawn();
  expect(fresh.length).toBeGreaterThan(5);
  // Scenarios that share nodes with it (the API server, the pod network) come first.
  await page.goto('/#/worked-example/1');
  for (const id of ['kubelet', 'container-escapes', 'cloud-metadata', 'ingress-snippets']) {
    await page.evaluate((hash) => (location.hash = hash), `#/${id}/1`);
    await expect(page.getByTestId('where')).toHaveText(/^Stage 1 of/);
    await drawn();
  }
  expect(await drawn()).toEqual(fresh);
});
