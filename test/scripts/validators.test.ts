// The page validates scenarios and ThreatModels with code generated from the schemas at build
// time (no `new Function` under the Content Security Policy). The committed code must be what
// the generator makes of today's schemas.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatorSource, validators } from '../../scripts/gen-validators';

describe('precompiled validators', () => {
  it.each(validators.map((v) => [v.out, v] as const))(
    '%s is up to date with its schema (else run `npm run gen:validators`)',
    (_, { schema, out }) => {
      expect(readFileSync(out, 'utf8')).toBe(validatorSource(schema));
    },
  );

  it.each(validators.map((v) => [v.out] as const))('%s compiles nothing at run time', (out) => {
    const code = readFileSync(out, 'utf8');
    expect(code).not.toMatch(/new Function|\beval\(|\brequire\(/);
  });
});
