// Prints the gzip size of the first page's JS (what the entry loads statically) and of all
// JS (Monaco and workers included), and fails the build when the first page is too heavy.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const firstPageBudgetBytes = 150 * 1024;

/** One entry of Vite's `dist/.vite/manifest.json`. */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

/** Files loaded before first paint: each entry and its static imports, transitively. */
export function firstPageFiles(manifest: Manifest): string[] {
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...files].filter((file) => file.endsWith('.js')).sort();
}

export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).length;
}

export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function main(distDir: string): number {
  const manifest = JSON.parse(
    readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest;
  const sizeOf = (path: string) => {
    const bytes = readFileSync(path);
    return { raw: bytes.length, gzip: gzipSize(bytes) };
  };
  const sum = (paths: string[]) =>
    paths.map(sizeOf).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), {
      raw: 0,
      gzip: 0,
    });

  const firstPage = firstPageFiles(manifest).map((file) => join(distDir, file));
  const allJs = listFiles(distDir).filter((path) => path.endsWith('.js'));
  const first = sum(firstPage);
  const all = sum(allJs);

  console.log('\nJS size (gzip level 9)');
  for (const path of firstPage) {
    console.log(`  first page  ${relative(distDir, path)}  ${formatKiB(sizeOf(path).gzip)}`);
  }
  console.log(
    `  first page JS (Monaco excluded): ${formatKiB(first.gzip)} gzip, ${formatKiB(first.raw)} raw, ${firstPage.length} file(s)`,
  );
  console.log(
    `  all JS (Monaco and workers included): ${formatKiB(all.gzip)} gzip, ${formatKiB(all.raw)} raw, ${allJs.length} file(s)`,
  );
  if (first.gzip > firstPageBudgetBytes) {
    console.error(
      `First page JS is ${formatKiB(first.gzip)} gzip, over the ${formatKiB(firstPageBudgetBytes)} budget: load the heavy part lazily.`,
    );
    return 1;
  }
  console.log(`  within the first-page budget of ${formatKiB(firstPageBudgetBytes)} gzip`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv[2] ?? 'dist');
}
