import { describe, expect, it } from 'vitest';
import { ProgressStore, recordKey } from '../../src/ui/state/progress';
import {
  exportProgress,
  maxImportBytes,
  parseProgressImport,
  progressMarkdown,
} from '../../src/ui/state/progressFile';
import type { StoreLike } from '../../src/ui/state/storage';

const library = [
  {
    id: 'worked-example',
    title: 'Count the mistakes',
    stages: [
      { id: 'anonymous-auth', title: 'Close the anonymous door' },
      { id: 'private-endpoint', title: 'Make the endpoint private' },
    ],
  },
  { id: 'kubelet', title: 'The kubelet', stages: [{ id: 'anonymous', title: 'Anonymous' }] },
];
const [worked, kubelet] = library as [(typeof library)[0], (typeof library)[0]];

function memory(): StoreLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('progress export and import', () => {
  it('round-trips through the JSON file onto another machine', () => {
    const here = new ProgressStore(memory());
    here.update(worked, (p) => ({ ...p, won: ['anonymous-auth'], best: 2, seconds: 610 }));
    here.update(kubelet, (p) => ({
      ...p,
      won: ['anonymous'],
      best: 'unreachable',
      finished: true,
    }));
    const file = JSON.stringify(exportProgress(here, library, new Date('2026-12-01T10:00:00Z')));

    const imported = parseProgressImport(file, library);
    expect(imported.skipped).toEqual([]);
    const there = new ProgressStore(memory());
    for (const scenario of library) {
      const record = imported.scenarios.get(scenario.id);
      if (record) there.update(scenario, () => record);
    }
    expect(there.load(worked)).toEqual(here.load(worked));
    expect(there.load(kubelet)).toEqual(here.load(kubelet));
  });

  it('writes a Markdown summary an instructor can read', () => {
    const store = new ProgressStore(memory());
    store.update(worked, (p) => ({
      ...p,
      won: ['anonymous-auth', 'private-endpoint'],
      solutionLoaded: ['private-endpoint'],
      best: 3,
      seconds: 3900,
      finished: true,
    }));
    const markdown = progressMarkdown(
      exportProgress(store, library, new Date('2026-12-01T10:00:00Z')),
      library,
    );
    expect(markdown).toContain(
      '| Count the mistakes | 2 of 2 | 3 | Make the endpoint private | 1 h 5 min | yes |',
    );
    expect(markdown).toContain('| The kubelet | 0 of 1 | – | no | 0 min | no |');
  });

  it('refuses files that are not a progress export, saying why', () => {
    const refuse = (text: string) => () => parseProgressImport(text, library);
    expect(refuse('{')).toThrow(/not JSON/);
    expect(refuse('[]')).toThrow(/not a MUT Lab progress export/);
    expect(refuse('{"format":"mutlab-progress","version":2,"scenarios":{}}')).toThrow(/version 2/);
    expect(refuse('{"format":"mutlab-progress","version":1}')).toThrow(/no scenarios/);
    expect(refuse(' '.repeat(maxImportBytes + 1))).toThrow(/larger than/);
  });

  it('keeps only what the library knows, and says what it left out', () => {
    const hostile = JSON.stringify({
      format: 'mutlab-progress',
      version: 1,
      scenarios: {
        prototype: { won: ['x'] },
        'worked-example': {
          won: ['anonymous-auth', 'no-such-stage', { toString: 1 }],
          best: 1e9,
          seconds: -5,
          finished: 'yes',
        },
        '<img src=x onerror=alert(1)>': { won: [] },
      },
      // JSON.parse makes "__proto__" an own key: it must not reach an object's prototype.
    }).replace('"prototype"', '"__proto__"');
    const result = parseProgressImport(hostile, library);
    expect([...result.scenarios.keys()]).toEqual(['worked-example']);
    expect(result.scenarios.get('worked-example')).toEqual({
      won: ['anonymous-auth'],
      solutionLoaded: [],
      best: null,
      seconds: 0,
      finished: false,
    });
    expect(result.skipped).toEqual([
      '“__proto__” is not a scenario of this library',
      'Count the mistakes: 2 unknown stage(s) in won',
      'Count the mistakes: best is not a MUT',
      'Count the mistakes: seconds is not a duration',
      '“<img src=x onerror=alert(1)>” is not a scenario of this library',
    ]);
    expect(({} as Record<string, unknown>).won).toBeUndefined();
  });

  it('reads damaged stored records as no progress', () => {
    const raw = memory();
    raw.data.set(recordKey('worked-example'), '{"won": "all"');
    expect(new ProgressStore(raw).load(worked).won).toEqual([]);
  });
});
