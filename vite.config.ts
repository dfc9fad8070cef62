/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { contentSecurityPolicy, contentSecurityPolicyPlugin } from './scripts/csp.ts';
import { scenarioCataloguePlugin } from './scripts/scenarioCatalogue.ts';

export default defineConfig({
  // Relative base: dist/ works from any static host under any path.
  base: './',
  plugins: [svelte(), contentSecurityPolicyPlugin(), scenarioCataloguePlugin()],
  server: { port: 5173 },
  // The built page carries the policy in a <meta>; preview also sends it as a header, as a
  // host that sets headers would (the browser then enforces both).
  preview: { port: 4173, headers: { 'Content-Security-Policy': contentSecurityPolicy } },
  build: {
    target: 'es2022',
    // scripts/report-size.ts reads the manifest to tell the first page's JS from lazy chunks.
    manifest: true,
    // Monaco is one big lazy chunk by design; its size is reported by scripts/report-size.ts.
    chunkSizeWarningLimit: 5000,
  },
  // Workers are bundled with their own plugins: the engine worker imports the catalogue.
  worker: { format: 'es', plugins: () => [scenarioCataloguePlugin()] },
  // Found late, this dependency makes Vite re-optimise and reload the page mid-session.
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    // Property tests run hundreds of analyses: on a loaded 2-core machine the default 5 s is
    // a measure of the machine. Speed is measured by the benchmarks, not by test timeouts.
    testTimeout: 30_000,
    // Vitest's default is one worker per core but one (so one on this 2-core machine), yet
    // most files wait on child processes or each other's disk: two took 9.1 min against
    // 13.1 min with one, same loaded machine (2026-12-03).
    maxWorkers: 2,
  },
});
