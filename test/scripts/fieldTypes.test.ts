// The engine checks field types with a table generated from the Kubernetes schema; the
// committed table must be what the generator makes of today's schema.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldTypesSource, outPath } from '../../scripts/gen-field-types';

describe('the field-type table', () => {
  it('is up to date with the Kubernetes schema (else run `npm run gen:field-types`)', async () => {
    expect(readFileSync(outPath, 'utf8')).toBe(await fieldTypesSource());
  });
});
