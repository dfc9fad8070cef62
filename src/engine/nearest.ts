import { distance } from 'fastest-levenshtein';

/**
 * The valid name a mistyped one most likely meant: the nearest by edit distance, when it is
 * near enough to be a typo (a third of the name, and at least two edits), else undefined. Ties
 * go to the earlier name of `valid`, so the suggestion is the same on every run.
 */
export function nearest(value: string, valid: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(value.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of valid) {
    const d = distance(value, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
