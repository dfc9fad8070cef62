/// <reference lib="dom" />
// Cold loads → first MUT on screen, A/B: `tsx bench/browser/firstMut.ts URL...` opens each
// already-served build (say `vite preview --outDir <other checkout>/dist --port N`) in turn, a
// fresh browser context each time, round after round, so a loaded machine weighs on every build
// alike. Measured as bench/browser/run.ts measures it: navigation start to the gauge's number.
import { chromium } from 'playwright-core';

const urls = process.argv.slice(2);
const rounds = Number(process.env.BENCH_LOADS ?? 10);
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (urls.length === 0) throw new Error('usage: tsx bench/browser/firstMut.ts URL [URL...]');

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
const times = urls.map(() => [] as number[]);
try {
  for (let round = 0; round < rounds; round++)
    for (const [i, url] of urls.entries()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
      await context.addInitScript(`new MutationObserver(() => {
        const mut = document.querySelector('[data-testid=mut-value]');
        if (window.__firstMut === undefined && mut && /[0-9∞]/.test(mut.textContent || ''))
          window.__firstMut = performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });`);
      const page = await context.newPage();
      await page.goto(url);
      // Functions, not strings: the page's Content Security Policy forbids eval.
      const firstMut = () => (window as unknown as { __firstMut?: number }).__firstMut;
      await page.waitForFunction(firstMut, null, { timeout: 120_000 });
      times[i]!.push((await page.evaluate(firstMut))!);
      await context.close();
    }
} finally {
  await browser.close();
}
for (const [i, url] of urls.entries()) {
  const sorted = [...times[i]!].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  console.log(
    `${url}: first MUT p50 ${at(0.5).toFixed(0)} ms, range ${sorted[0]!.toFixed(0)}–${sorted[sorted.length - 1]!.toFixed(0)} ms over ${sorted.length} cold loads`,
  );
}
