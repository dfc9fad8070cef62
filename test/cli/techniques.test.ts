// `mut techniques`: the catalogue, one technique per file of src/engine/techniques/.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mut, repo, type MutRun } from './runMut.ts';

let json: MutRun, human: MutRun;

beforeAll(async () => {
  [json, human] = await Promise.all([
    mut(['techniques', '--json']),
    mut(['techniques', '--verbose']),
  ]);
}, 180_000);

describe('mut techniques', () => {
  it('lists one technique per technique file (id = file name)', () => {
    expect(json.code).toBe(0);
    const { techniques, messUps } = JSON.parse(json.stdout) as {
      techniques: { id: string; title: string; references: string[]; description: string }[];
      messUps: { id: string; category: string; title: string }[];
    };
    const dir = join(repo, 'src/engine/techniques');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /:\s*Technique\s*=\s*\{/.test(readFileSync(join(dir, f), 'utf8')))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(techniques.map((t) => t.id).sort()).toEqual(files);
    for (const t of techniques) {
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.references.length).toBeGreaterThan(0);
    }
    expect(messUps.map((m) => m.id)).toContain('bind-cluster-admin');
    for (const m of messUps)
      expect(['misconfiguration', 'bug', 'leak', 'assumption']).toContain(m.category);
  });

  it('prints ids, titles, references and (with --verbose) descriptions', () => {
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Techniques \(\d+\):/);
    expect(human.stdout).toContain('  anonymous-authentication: ');
    expect(human.stdout).toMatch(/\n {6}Fix: /);
    expect(human.stdout).toMatch(/\nMess-up templates \(\d+\):/);
    expect(human.stdout).toContain('  bind-cluster-admin (misconfiguration): ');
  });
});
