// Meta-tests over the registries (style practice 5): every technique and every mess-up
// template is documented, referenced, registered under its file name and, for techniques,
// shown by fixtures; every KubeHound edge has an equivalent technique.

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messUpCatalogue, techniqueCatalogue } from '../../src/engine/index.ts';
import { messUpTemplates } from '../../src/engine/messups/index.ts';
import { techniques } from '../../src/engine/techniques/index.ts';
import { allFixtureFiles, techniqueFixtures } from './fixtureFiles';

const reference =
  /^(attack:T\d{4}(\.\d{3})?|ms:MS-TA\d{4}|kubehound:[A-Z_]+|pss:(baseline|restricted)\/\w+|cis:\d+(\.\d+)*)$/;

/** The KubeHound edges of docs/mut-model.md ("The minimum technique coverage"). */
const kubehoundEdges = [
  'CE_MODULE_LOAD',
  'CE_NSENTER',
  'CE_PRIV_MOUNT',
  'CE_SYS_PTRACE',
  'CE_UMH_CORE_PATTERN',
  'CE_VAR_LOG_SYMLINK',
  'CONTAINER_ATTACH',
  'ENDPOINT_EXPLOIT',
  'EXPLOIT_CONTAINERD_SOCK',
  'EXPLOIT_HOST_READ',
  'EXPLOIT_HOST_TRAVERSE',
  'EXPLOIT_HOST_WRITE',
  'IDENTITY_ASSUME',
  'IDENTITY_IMPERSONATE',
  'PERMISSION_DISCOVER',
  'POD_ATTACH',
  'POD_CREATE',
  'POD_EXEC',
  'POD_PATCH',
  'ROLE_BIND',
  'SHARE_PS_NAMESPACE',
  'TOKEN_BRUTEFORCE',
  'TOKEN_LIST',
  'TOKEN_STEAL',
  'VOLUME_ACCESS',
  'VOLUME_DISCOVER',
];

/** The `.ts` files of a registry folder that define an entry (not the registry or its types). */
function entryFiles(folder: string, helpers: string[]): string[] {
  const dir = fileURLToPath(new URL(`../../src/engine/${folder}/`, import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !helpers.includes(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

const fixtures = techniqueFixtures();

describe('the technique catalogue', () => {
  it('registers every technique file once, under its file name', () => {
    const files = entryFiles('techniques', [
      'index.ts',
      'technique.ts',
      'hostPaths.ts',
      'podRequests.ts',
      'serviceAccounts.ts',
    ]);
    const ids = techniques.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files);
  });

  it('is what the engine publishes', () => {
    expect(techniqueCatalogue.map((t) => t.id)).toEqual(techniques.map((t) => t.id));
  });

  for (const t of techniqueCatalogue) {
    describe(t.id, () => {
      it('has a title, a description a learner can read, and a remediation', () => {
        expect(t.title.trim().length).toBeGreaterThan(0);
        expect(t.description.length).toBeGreaterThanOrEqual(80);
        expect(t.remediation.trim().length).toBeGreaterThan(0);
      });

      it('names at least one standard, each in a known form', () => {
        expect(t.references.length).toBeGreaterThan(0);
        for (const r of t.references) expect(r).toMatch(reference);
      });

      it('has an exploitable and a safe fixture', () => {
        const mine = fixtures.filter((f) => f.technique === t.id);
        expect(mine.some((f) => f.verdict === 'exploitable')).toBe(true);
        expect(mine.some((f) => f.verdict === 'safe')).toBe(true);
      });
    });
  }

  it('covers every KubeHound edge of the model', () => {
    const named = new Set(techniqueCatalogue.flatMap((t) => t.references));
    const missing = kubehoundEdges.filter((edge) => !named.has(`kubehound:${edge}`));
    expect(missing).toEqual([]);
  });
});

describe('the technique fixtures', () => {
  it('are named <technique>/(exploitable|safe)-<case>.yaml for a known technique', () => {
    const ids = new Set(techniques.map((t) => t.id));
    for (const file of allFixtureFiles()) {
      expect(file).toMatch(/^[a-z0-9-]+\/(exploitable|safe)-[a-z0-9-]+\.yaml$/);
      expect(ids.has(file.split('/')[0]!), file).toBe(true);
    }
  });

  it('give their reason on the first line', () => {
    for (const f of fixtures) expect(f.reason, f.path).toMatch(/\w{3,}/);
  });
});

describe('the mess-up template catalogue', () => {
  it('registers every template file once, under its file name', () => {
    const files = entryFiles('messups', ['index.ts', 'template.ts']);
    const ids = messUpTemplates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files);
  });

  it('is what the engine publishes', () => {
    expect(messUpCatalogue.map((t) => t.id)).toEqual(messUpTemplates.map((t) => t.id));
  });

  for (const m of messUpCatalogue) {
    describe(m.id, () => {
      it('has a category of the model, a title and a description a learner can read', () => {
        expect(['misconfiguration', 'bug', 'leak', 'assumption']).toContain(m.category);
        expect(m.title.trim().length).toBeGreaterThan(0);
        expect(m.description.length).toBeGreaterThanOrEqual(80);
      });

      it('names at least one standard, each in a known form', () => {
        expect(m.references.length).toBeGreaterThan(0);
        for (const r of m.references) expect(r).toMatch(reference);
      });
    });
  }
});
