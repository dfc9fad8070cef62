// The hostile-input corpus through the engine: every case ends with a clear error or a
// correct analysis, never a crash, a hang over 2 s or a silent drop.
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../src/engine/index.ts';
import { generatedCases, handWrittenCases, timeLimitMs, type CorpusCase } from './corpus';

/**
 * No silent drop: when the engine reports no error, every document another reader (eemeli's
 * `yaml`) finds with content was read as at least one object (a List or an array as many).
 */
function documentsWithContent(c: CorpusCase): number {
  let n = 0;
  for (const file of c.files) {
    if (file.text.length > 1_000_000) continue;
    for (const doc of parseAllDocuments(file.text) as unknown as {
      toJS(options: { maxAliasCount: number }): unknown;
    }[]) {
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 200 });
      } catch {
        value = undefined;
      }
      if (value === null || value === undefined) continue;
      if (Array.isArray(value) && value.length === 0) continue;
      const items = (value as { items?: unknown }).items;
      if (Array.isArray(items) && items.length === 0) continue;
      n++;
    }
  }
  return n;
}

function check(c: CorpusCase): void {
  const t0 = performance.now();
  let result: AnalysisResult | undefined;
  expect(() => (result = analyze(c.files)), c.name).not.toThrow();
  const elapsed = performance.now() - t0;
  expect(elapsed, `${c.name}: ${elapsed.toFixed(0)} ms`).toBeLessThan(c.timeLimitMs ?? timeLimitMs);
  const r = result!;
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  for (const d of r.diagnostics) {
    expect(d.line, c.name).toBeGreaterThanOrEqual(1);
    expect(d.column, c.name).toBeGreaterThanOrEqual(1);
    expect(d.message.length, c.name).toBeGreaterThan(0);
  }
  if (c.expect === 'error') {
    expect(errors.length, `${c.name}: expected an error`).toBeGreaterThan(0);
    if (c.message)
      expect(
        errors.map((e) => e.message),
        c.name,
      ).toContainEqual(expect.stringMatching(c.message));
  }
  if (c.expect === 'analysis') {
    expect(errors, c.name).toEqual([]);
    for (const goal of r.goals) expect(goal.lowerBound, c.name).toBeGreaterThanOrEqual(0);
  }
  if (errors.length === 0) {
    expect(
      r.stats.objects,
      `${c.name}: a document was dropped without an error`,
    ).toBeGreaterThanOrEqual(documentsWithContent(c) > 0 ? 1 : 0);
    expect(
      r.stats.objects,
      `${c.name}: a document was dropped without an error`,
    ).toBeGreaterThanOrEqual(documentsWithContent(c));
  }
  expect(({} as Record<string, unknown>).polluted, c.name).toBeUndefined();
}

describe('hostile-input corpus through the engine', () => {
  it.each(handWrittenCases.map((c) => [c.name, c] as const))('%s', (_, c) => check(c), 60_000);

  const generated = generatedCases();
  it('is at least 1,000 generated cases, the same on every run', () => {
    expect(generated.length).toBeGreaterThanOrEqual(1000);
    expect(generatedCases().map((c) => c.files[0]!.text)).toEqual(
      generated.map((c) => c.files[0]!.text),
    );
    // Every kind of outcome is represented.
    for (const outcome of ['error', 'any'] as const)
      expect(generated.filter((c) => c.expect === outcome).length).toBeGreaterThan(100);
  });

  const chunk = 100;
  for (let from = 0; from < generated.length; from += chunk) {
    it(`generated cases ${from}–${Math.min(from + chunk, generated.length) - 1}`, () => {
      for (const c of generated.slice(from, from + chunk)) check(c);
    }, 120_000);
  }
});
