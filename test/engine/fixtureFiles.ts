import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The technique fixtures (style practice 4): test/engine/fixtures/<technique-id>/
// `exploitable-<case>.yaml` or `safe-<case>.yaml`, the reason on the first line
// (`# reason: ...`) and, where the MUT is not the verdict's default, `# expect: mut N`
// (or `# expect: mut unreachable`) on the second.

export const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));

export interface TechniqueFixture {
  technique: string;
  verdict: 'exploitable' | 'safe';
  name: string;
  /** Path relative to the fixtures folder, as the engine sees it. */
  path: string;
  text: string;
  reason: string | undefined;
  /** `undefined`: no `# expect` line; `null`: unreachable. */
  expectedMut: number | null | undefined;
}

export function techniqueFixtures(): TechniqueFixture[] {
  const out: TechniqueFixture[] = [];
  for (const technique of readdirSync(fixturesDir).sort()) {
    for (const file of readdirSync(join(fixturesDir, technique)).sort()) {
      const match = /^(exploitable|safe)-(.+)\.yaml$/.exec(file);
      if (!match) continue;
      const text = readFileSync(join(fixturesDir, technique, file), 'utf8');
      const [first = '', second = ''] = text.split('\n');
      const reason = /^# reason: (.+)$/.exec(first)?.[1];
      const expect = /^# expect: mut (\d+|unreachable)$/.exec(second)?.[1];
      out.push({
        technique,
        verdict: match[1] as 'exploitable' | 'safe',
        name: match[2]!,
        path: `${technique}/${file}`,
        text,
        reason,
        expectedMut: expect === undefined ? undefined : expect === 'unreachable' ? null : +expect,
      });
    }
  }
  return out;
}

/** Every file of the fixtures folder, including any whose name breaks the convention. */
export function allFixtureFiles(): string[] {
  return readdirSync(fixturesDir)
    .sort()
    .flatMap((dir) => readdirSync(join(fixturesDir, dir)).map((f) => `${dir}/${f}`));
}
