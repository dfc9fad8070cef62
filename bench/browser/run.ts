/// <reference lib="dom" />
// Browser benchmarks of the simulator: edit → updated gauge latency on the worked example and
// on a 1,000-object synthetic cluster, and animation frame times while the attacker plays on
// a map of about 300 nodes. Drives Chromium (playwright-core) against `vite preview` of the
// built dist/, which it starts itself. Run `npm run build` first (or `npm run bench:browser`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { generateCluster } from '../synthetic';

const port = 4174;
const base = `http://127.0.0.1:${port}/`;
const edits = Number(process.env.BENCH_EDITS ?? 30);
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(base);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/**
 * Opens the worked example's stage 1. With `extra`, the stage opens with the learner's kept
 * edits (localStorage, as after a reload) where rbac.yaml also holds `extra`'s objects.
 */
async function openStage(page: Page, extra: string | null): Promise<void> {
  if (extra !== null) {
    const dir = 'scenarios/01-worked-example/cluster';
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((path) => {
        const text = readFileSync(join(dir, path), 'utf8');
        return { path, text: path === 'rbac.yaml' ? `${text}\n---\n${extra}` : text };
      });
    const saved = JSON.stringify({ files, savedAt: Date.now() });
    await page.addInitScript((value) => {
      localStorage.setItem('mutlab:v1:worked-example:anonymous-auth', value);
      localStorage.setItem('mutlab:v1:worked-example:progress', '0');
    }, saved);
  }
  await page.goto(base);
  await page.getByRole('button', { name: /Start stage 1|Continue at stage/ }).click();
  await page.waitForSelector('[data-testid=editor][data-ready=true]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=gauge]')?.getAttribute('data-analyses') !== '0',
  );
}

/** Types one character at the end of the API server's first line, `n` times; times each update. */
async function measureEdits(page: Page, n: number) {
  await page.getByRole('tab', { name: /kube-apiserver/ }).click();
  await page.getByTestId('editor').locator('.view-line').first().click();
  await page.keyboard.press('End');
  const afterDebounce: number[] = [];
  const endToEnd: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = await page.evaluate(() =>
      Number(document.querySelector('[data-testid=gauge]')?.getAttribute('data-analyses')),
    );
    const armed = page.evaluate(
      (count) =>
        new Promise<{ keyAt: number; startAt: number; doneAt: number }>((resolve) => {
          const keyAt = performance.now();
          const gauge = document.querySelector('[data-testid=gauge]');
          if (!gauge) throw new Error('no gauge');
          const observer = new MutationObserver(() => {
            if (Number(gauge.getAttribute('data-analyses')) > count) {
              observer.disconnect();
              // The gauge is drawn in the next frame.
              requestAnimationFrame(() => {
                const marks = performance.getEntriesByName('mutlab:analyse');
                const startAt = marks[marks.length - 1]?.startTime ?? keyAt;
                resolve({ keyAt, startAt, doneAt: performance.now() });
              });
            }
          });
          observer.observe(gauge, { attributes: true });
        }),
      before,
    );
    await page.keyboard.type(i % 2 ? 'x' : ' ');
    const t = await armed;
    afterDebounce.push(t.doneAt - t.startAt);
    endToEnd.push(t.doneAt - t.keyAt);
  }
  const sortA = [...afterDebounce].sort((a, b) => a - b);
  const sortE = [...endToEnd].sort((a, b) => a - b);
  return {
    p50: quantile(sortA, 0.5),
    p95: quantile(sortA, 0.95),
    e2eP50: quantile(sortE, 0.5),
    e2eP95: quantile(sortE, 0.95),
  };
}

async function measureFrames(page: Page, ms = 4000) {
  await page.getByRole('button', { name: '2×' }).click();
  const nodes = await page.getByTestId('cluster-map').getAttribute('data-nodes');
  await page.getByRole('button', { name: /Play attacker|Play again/ }).click();
  // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
  const deltas = (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const end = last + ${ms};
    const frame = (now) => {
      out.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(frame);
      else resolve(out);
    };
    requestAnimationFrame(frame);
  })`)) as number[];
  // Playing again keeps the attacker moving for the whole window.
  const sorted = [...deltas].sort((a, b) => a - b);
  const mean = deltas.reduce((a, b) => a + b, 0) / Math.max(1, deltas.length);
  return { nodes: Number(nodes), mean, p95: quantile(sorted, 0.95), fps: 1000 / mean };
}

async function main() {
  if (!existsSync('dist/index.html')) throw new Error('no dist/: run `npm run build` first');
  if (!existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath} (set CHROME_PATH)`);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--strictPort', '--port', String(port)],
    { stdio: 'ignore', detached: true },
  );
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await waitForServer();
    const rows: string[][] = [];
    const small = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openStage(small, null);
    const a = await measureEdits(small, edits);
    rows.push([
      'edit → gauge, worked example',
      fmt(a.p50),
      fmt(a.p95),
      `end to end (150 ms debounce included): p50 ${fmt(a.e2eP50)}, p95 ${fmt(a.e2eP95)}`,
      'p95 < 16 ms',
    ]);
    await small.close();

    const big = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const synthetic = generateCluster(1000, 42)
      .filter((f) => !/ThreatModel/.test(f.text))
      .map((f) => f.text)
      .join('\n---\n');
    await openStage(big, synthetic);
    const b = await measureEdits(big, edits);
    rows.push([
      'edit → gauge, 1,000 objects',
      fmt(b.p50),
      fmt(b.p95),
      `end to end: p50 ${fmt(b.e2eP50)}, p95 ${fmt(b.e2eP95)}`,
      'p95 < 100 ms',
    ]);
    const f = await measureFrames(big);
    rows.push([
      `attacker playback, ${f.nodes} map nodes`,
      `mean ${fmt(f.mean)}`,
      fmt(f.p95),
      `${f.fps.toFixed(1)} fps`,
      '60 fps',
    ]);
    await big.close();

    const header = ['what', 'p50 / mean', 'p95', 'notes', 'goal'];
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
    );
    const line = (cells: string[]) =>
      `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const row of rows) console.log(line(row));
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
