// The sample runs in README.md and docs/cli.md are real: every fenced block that starts with
// `$ mut … cluster/` is run on the worked example's first stage, copied to a folder named
// cluster/, and `$ mut … app/` on the example application (fixtures/app, copied to app/);
// each must print exactly what the block shows.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtures, mut, repo } from './runMut.ts';

interface Sample {
  doc: string;
  args: string[];
  output: string;
}

function samples(doc: string): Sample[] {
  const text = readFileSync(join(repo, doc), 'utf8');
  const found: Sample[] = [];
  for (const block of text.matchAll(
    /^```\n\$ mut ([^\n]*(?:cluster|app)\/[^\n]*)\n([\s\S]*?)^```$/gm,
  ))
    found.push({ doc, args: block[1]!.split(' '), output: block[2]! });
  return found;
}

const all = [...samples('README.md'), ...samples('docs/cli.md')];
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mut-docs-'));
  cpSync(join(repo, fixtures, 'stage1'), join(work, 'cluster'), { recursive: true });
  cpSync(join(repo, fixtures, 'app'), join(work, 'app'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sample output in the documentation', () => {
  it('covers the README and docs/cli.md', () => {
    expect(all.filter((s) => s.doc === 'README.md').length).toBeGreaterThan(0);
    expect(all.filter((s) => s.doc === 'docs/cli.md').length).toBeGreaterThan(0);
  });

  it('show an application gated by what it adds, in both', () => {
    for (const doc of ['README.md', 'docs/cli.md'])
      expect(
        all.some((s) => s.doc === doc && s.args.includes('--max-drop') && s.args.includes('app/')),
        doc,
      ).toBe(true);
  });

  it.each(all.map((s) => [`${s.doc}: mut ${s.args.join(' ')}`, s] as const))(
    '%s prints what the sample shows',
    async (_, sample) => {
      const run = await mut(sample.args, { cwd: work });
      expect(run.stdout).toBe(sample.output);
    },
    60_000,
  );
});
