import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import Ajv from 'ajv';
import { strFromU8, unzipSync } from 'fflate';
import { a11yViolations, collectErrors, editLine, editorLines, waitForEditor } from './helpers';

// "Your cluster": the user's own manifests in the page, analysed like a scenario, and nothing
// of them leaves the browser.

const cluster = 'scenarios/01-worked-example/cluster';
const read = (path: string) => readFileSync(path, 'utf8');
const apiServer = read(`${cluster}/kube-apiserver.yaml`);
const rbac = read(`${cluster}/rbac.yaml`);
const mut = (page: Page) => page.getByTestId('mut-value');
const schema = JSON.parse(read('src/engine/report/analysis.schema.json')) as object;

// Tall enough for Monaco to draw the API server's flags (it draws only the lines in view).
test.use({ viewport: { width: 1600, height: 1000 } });

const tmp = mkdtempSync(join(tmpdir(), 'mut-your-cluster-'));
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every request the page makes that is not to its own origin (data: and blob: are local). */
function foreignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin) foreign.push(request.url());
  });
  return foreign;
}

async function saved(page: Page, testId: string): Promise<Download> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return download;
}

const bytesOf = async (download: Download) => readFileSync((await download.path())!);

/**
 * Drops files or folders of the disk on `target` through Chromium's own drag input (DevTools'
 * Input.dispatchDragEvent), as a drag from a file manager arrives: a folder then comes as a
 * directory entry to walk, which no DataTransfer made in the page can hold.
 */
async function dropFromDisk(page: Page, target: Locator, ...paths: string[]): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const devtools = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
    await devtools.send('Input.dispatchDragEvent', { type, ...at, data });
  await devtools.detach();
}

test('a pasted cluster is analysed, edited, kept, reported and saved as a scenario that verifies', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const foreign = foreignRequests(page, new URL(baseURL!).origin);
  // Opened from the scenario picker, as a user finds it.
  await page.goto('/');
  await expect(mut(page)).toHaveText('1', { timeout: 60_000 });
  await page
    .getByTestId('scenario-picker')
    .selectOption({ label: 'Your cluster: bring your own manifests' });
  await expect(page).toHaveURL(/#\/your-cluster$/);
  await expect(page.getByTestId('sandbox-privacy')).toContainText(
    'Everything stays in this browser',
  );
  expect(await a11yViolations(page)).toEqual([]);

  // Pasted without a ThreatModel: the page adds one and says what it assumed.
  await page.getByTestId('sandbox-paste').fill(`${apiServer}\n---\n${rbac}`);
  await page.getByTestId('sandbox-analyse').click();
  await expect(mut(page)).toHaveText('1', { timeout: 60_000 });
  await expect(page.getByTestId('sandbox-assumptions')).toContainText('API endpoint public');
  await waitForEditor(page);

  // The attacker's start is written into the ThreatModel, in the editor.
  await page.getByTestId('sandbox-start').selectOption('corporate-network');
  await page.getByRole('tab', { name: 'threat-model.yaml' }).click();
  await expect(page.getByTestId('editor')).toContainText('start: corporate-network');
  await page.getByTestId('sandbox-start').selectOption('internet');
  await expect(page.getByTestId('editor')).toContainText('start: internet');
  await expect(mut(page)).toHaveText('1');
  // So is the baseline the cluster is judged on.
  await page.getByTestId('sandbox-baseline').selectOption('hardened');
  await expect(page.getByTestId('editor')).toContainText('baseline: hardened');
  await page.getByTestId('sandbox-baseline').selectOption('kubeadm');
  await expect(page.getByTestId('editor')).toContainText('baseline: kubeadm');
  await expect(mut(page)).toHaveText('1');
  // And what the attacker wants: the goals ticked are the ThreatModel's goals.
  const nodeRoot = page.getByRole('checkbox', { name: 'Root on a node (node-root)' });
  await expect(nodeRoot).toBeChecked();
  await expect(page.getByTestId('editor')).toContainText('- node-root');
  await nodeRoot.uncheck();
  await expect(page.getByTestId('editor')).not.toContainText('node-root');
  await expect(page.getByTestId('editor')).toContainText('- cluster-admin');
  await nodeRoot.check();
  await expect(page.getByTestId('editor')).toContainText('- node-root');
  await expect(mut(page)).toHaveText('1');
  expect(await a11yViolations(page)).toEqual([]);

  // An edit is re-analysed live and survives a reload.
  await page.getByRole('tab', { name: 'pasted.yaml' }).click();
  await editLine(page, '--anonymous-auth=true', 4, 'false');
  await expect(mut(page)).toHaveText('2');
  await page.reload();
  await expect(mut(page)).toHaveText('2', { timeout: 60_000 });
  await waitForEditor(page);
  expect((await editorLines(page)).join('\n')).toContain('--anonymous-auth=false');

  // Reports: the JSON is the CLI's schema; the map stands alone at presentation size.
  const json = JSON.parse((await bytesOf(await saved(page, 'export-json'))).toString('utf8'));
  const validate = new Ajv({ allErrors: true, strictRequired: false }).compile(schema);
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  expect(json.goals.map((g: { mut: number }) => g.mut)).toContain(2);
  const markdown = (await bytesOf(await saved(page, 'export-md'))).toString('utf8');
  expect(markdown).toMatch(/## full control of the cluster \(cluster-admin\): MUT 2/);
  const svg = (await bytesOf(await saved(page, 'export-svg'))).toString('utf8');
  expect(svg).toMatch(/^<\?xml[^>]*>\n<svg[^>]* width="(\d{4,})"/);
  expect(svg).toContain('>Internet<');
  expect(svg).toMatch(/font-family:[^"]*sans-serif/);
  expect(svg).not.toContain('class=');
  const png = await bytesOf(await saved(page, 'export-png'));
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1920);

  // Saved as a scenario: one stage from MUT 1 to 2, which `mut scenario verify` accepts.
  await page.getByTestId('sandbox-save-title').fill('Prod review');
  const zip = unzipSync(new Uint8Array(await bytesOf(await saved(page, 'sandbox-save-button'))));
  await expect(page.getByTestId('sandbox-save-status')).toContainText('from MUT 1 to 2');
  // The reports and the save, with their status lines shown: axe's default rules.
  expect(await a11yViolations(page)).toEqual([]);
  for (const [path, bytes] of Object.entries(zip)) {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), strFromU8(bytes));
  }
  expect(Object.keys(zip)).toContain('90-prod-review/stages/1-raise-the-mut/solution/pasted.yaml');
  // The CLI as built by `npm run build` (which the browser tests run first); it throws on exit 1.
  const verified = execFileSync(
    process.execPath,
    ['dist/cli/mut.js', 'scenario', 'verify', join(tmp, '90-prod-review')],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  expect(verified).toContain('OK: 1 scenario, 1 stage');

  // Back to the scenarios by the same picker.
  await page.getByTestId('scenario-picker').selectOption('worked-example');
  await expect(page.getByTestId('where')).toBeVisible();
  await expect(page.getByTestId('your-cluster')).toHaveCount(0);

  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

/** As `kubectl get -A -o yaml` prints it, about `bytes` long. */
function kubectlDump(bytes: number): string {
  const parts = ['apiVersion: v1\nitems:\n'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item =
      `- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: app-${i}\n    namespace: team-${i % 40}\n` +
      `    resourceVersion: "${100000 + i}"\n  spec:\n    selector:\n      matchLabels:\n        app: app-${i}\n` +
      `    template:\n      metadata:\n        labels:\n          app: app-${i}\n      spec:\n        containers:\n` +
      `        - name: main\n          image: registry.example/app:${i}\n`;
    parts.push(item);
    size += item.length;
  }
  parts.push('kind: List\nmetadata:\n  resourceVersion: ""\n');
  return parts.join('');
}

test('dropped files and a picked folder are analysed; a 20 MB dump shows progress and can be cancelled', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const foreign = foreignRequests(page, new URL(baseURL!).origin);
  await page.goto('/#/your-cluster');

  // A folder of the disk dropped on the page, as the first cluster: walked as directory
  // entries, hidden folders and files that are no manifest passed over, and the page says so.
  const droppedFolder = join(tmp, 'dropped');
  mkdirSync(join(droppedFolder, 'control-plane'), { recursive: true });
  mkdirSync(join(droppedFolder, '.git'));
  writeFileSync(join(droppedFolder, 'control-plane/kube-apiserver.yaml'), apiServer);
  writeFileSync(join(droppedFolder, 'rbac.yaml'), rbac);
  writeFileSync(join(droppedFolder, '.git/config.yaml'), 'not: a manifest\n');
  writeFileSync(join(droppedFolder, 'notes.txt'), 'notes\n');
  await dropFromDisk(page, page.getByTestId('sandbox-drop'), droppedFolder);
  await expect(mut(page)).toHaveText('1', { timeout: 60_000 });
  await expect(page.getByTestId('sandbox-cluster-name')).toContainText('dropped: 3 files');
  await expect(
    page.getByText('skipped dropped/notes.txt (not .yaml, .yml or .json)'),
  ).toBeVisible();

  // Two files dropped on the page, in its place.
  const dropped = await page.evaluateHandle(
    ([a, b]) => {
      const data = new DataTransfer();
      data.items.add(new File([a!], 'kube-apiserver.yaml', { type: 'application/yaml' }));
      data.items.add(new File([b!], 'rbac.yaml', { type: 'application/yaml' }));
      return data;
    },
    [apiServer, rbac],
  );
  await page.getByTestId('sandbox-drop').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(mut(page)).toHaveText('1', { timeout: 60_000 });
  await expect(page.getByTestId('sandbox-cluster-name')).toContainText('3 files');

  // A folder with its own ThreatModel and a file that is no manifest, picked in its place.
  const folder = join(tmp, 'my-cluster');
  mkdirSync(join(folder, 'control-plane'), { recursive: true });
  writeFileSync(
    join(folder, 'control-plane/kube-apiserver.yaml'),
    read('scenarios/01-worked-example/stages/1-anonymous-auth/solution/kube-apiserver.yaml'),
  );
  writeFileSync(join(folder, 'rbac.yaml'), rbac);
  writeFileSync(join(folder, 'threat-model.yaml'), read(`${cluster}/threat-model.yaml`));
  writeFileSync(join(folder, 'README.md'), '# notes\n');
  await page.locator('summary', { hasText: 'Bring in another cluster' }).click();
  await page.getByTestId('sandbox-folder').setInputFiles(folder);
  await expect(page.getByTestId('sandbox-cluster-name')).toContainText('my-cluster: 3 files');
  await expect(mut(page)).toHaveText('2');
  await expect(page.getByTestId('sandbox-cluster-note')).toContainText(
    'skipped my-cluster/README.md',
  );
  await expect(page.getByTestId('sandbox-assumptions')).toContainText(
    'Your files carry a ThreatModel',
  );

  // The cluster it replaced comes back with one click.
  await page.getByRole('button', { name: 'Restore the cluster you had before' }).click();
  await expect(mut(page)).toHaveText('1');

  // 20 MB of kubectl output: split in the worker with progress, and cancelled.
  const dump = join(tmp, 'dump.yaml');
  writeFileSync(dump, kubectlDump(20 * 1024 * 1024));
  await page.getByTestId('sandbox-files').setInputFiles(dump);
  const progress = page.getByTestId('sandbox-progress');
  await expect(progress).toContainText(/Reading dump\.yaml: \d+ % of 21\.\d MB/);
  await expect
    .poll(() => progress.locator('progress').evaluate((p: HTMLProgressElement) => p.value))
    .toBeGreaterThan(0);
  await page.getByTestId('sandbox-cancel').click();
  await expect(page.getByTestId('sandbox-import-note')).toContainText(
    'Cancelled: dump.yaml was not opened',
  );
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('sandbox-cluster-name')).toContainText('kube-apiserver.yaml');

  // The engine was restarted by the cancel, and analyses the next edit.
  await waitForEditor(page);
  await page.getByRole('tab', { name: 'kube-apiserver.yaml' }).click();
  await editLine(page, '--anonymous-auth=true', 4, 'false');
  await expect(mut(page)).toHaveText('2');

  // A smaller dump, read to the end: one file per namespace, analysed.
  writeFileSync(dump, kubectlDump(300 * 1024));
  await page.getByTestId('sandbox-files').setInputFiles(dump);
  await expect(page.getByTestId('sandbox-cluster-name')).toContainText('dump.yaml: 41 files');
  await expect(page.getByTestId('sandbox-cluster-note')).toContainText(
    'objects in 40 files, one per namespace',
  );
  // Its analysis (880 objects) took 24 s under a load of 15 on 2 cores: a generous wait.
  await expect(page.getByTestId('cluster-map')).toHaveAttribute('data-nodes', /^\d{3,}$/, {
    timeout: 90_000,
  });

  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
