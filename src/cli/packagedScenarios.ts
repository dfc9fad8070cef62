import { fileURLToPath } from 'node:url';

// The package ships scenarios/ at its root. From src/cli/ (a checkout) and from dist/cli/
// (the bundle, where this module is inlined into a file of that folder) it is two levels up.
export function packagedScenarios(): string {
  return fileURLToPath(new URL('../../scenarios', import.meta.url));
}
