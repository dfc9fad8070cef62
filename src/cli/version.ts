import { readFileSync } from 'node:fs';

// src/cli/ and the bundle's dist/cli/ are both two folders below package.json.
export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return String((pkg as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}
