import { describe, expect, it } from 'vitest';
import {
  CrashMarker,
  EditStore,
  openMarkerKey,
  sessionKey,
  savedText,
  sessionRecord,
  stageKey,
  type StoreLike,
} from '../../src/ui/state/storage';

function memory(): StoreLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('EditStore', () => {
  it('keeps files per scenario and stage under mutlab:v1:<scenario>:<stage>', () => {
    const store = memory();
    const edits = new EditStore(() => {}, store);
    edits.saveStage('worked-example', 'anonymous-auth', [{ path: 'a.yaml', text: 'x' }]);
    expect(store.data.has(stageKey('worked-example', 'anonymous-auth'))).toBe(true);
    expect(stageKey('s', 't')).toBe('mutlab:v1:s:t');
    expect(edits.loadStage('worked-example', 'anonymous-auth')).toEqual([
      { path: 'a.yaml', text: 'x' },
    ]);
    edits.saveProgress('worked-example', 1);
    expect(edits.loadProgress('worked-example')).toBe(1);
  });

  it('turns a full or missing storage into a warning, never a crash', () => {
    const warnings: (string | null)[] = [];
    const full: StoreLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('exceeded', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    new EditStore((w) => warnings.push(w), full).saveStage('s', 't', []);
    expect(warnings.at(-1)).toMatch(/storage is full/);
    new EditStore((w) => warnings.push(w), null);
    expect(warnings.at(-1)).toMatch(/does not let this page keep your edits/);
  });

  it('keeps the view, the history and the hints of a scenario, and the scenario opened', () => {
    const edits = new EditStore(() => {}, memory());
    const session = {
      view: 'stage' as const,
      history: [{ stage: 0, mut: 1, reason: 'one mistake' }],
      hintsRevealed: 2,
      hintsUsed: 3,
    };
    edits.saveSession('worked-example', session);
    expect(edits.loadSession('worked-example')).toEqual(session);
    edits.saveScenario('cloud-metadata');
    expect(edits.loadScenario()).toBe('cloud-metadata');
    edits.clear('worked-example', []);
    expect(edits.loadSession('worked-example')).toBeNull();
  });

  it('ignores corrupt entries', () => {
    const store = memory();
    store.data.set(stageKey('s', 't'), '{nope');
    expect(new EditStore(() => {}, store).loadStage('s', 't')).toBeNull();
    store.data.set(sessionKey('s'), '{"view":"elsewhere"}');
    expect(new EditStore(() => {}, store).loadSession('s')).toBeNull();
    store.data.set(sessionKey('s'), '{"view":"stage","history":[{"stage":"x"}],"hintsUsed":-1}');
    expect(new EditStore(() => {}, store).loadSession('s')).toEqual({
      view: 'stage',
      history: [],
      hintsRevealed: 0,
      hintsUsed: 0,
    });
  });

  it.each([
    ['not JSON', '{nope'],
    ['JSON without files', '{"savedAt":1}'],
    ['files of the wrong shape', '{"files":[{"path":"a.yaml","text":3}]}'],
    ['null', 'null'],
  ])('tells the learner about damaged saved data (%s) and keeps it to download', (_, raw) => {
    const store = memory();
    store.data.set(stageKey('s', 't'), raw);
    const warnings: (string | null)[] = [];
    const edits = new EditStore((w) => warnings.push(w), store);
    expect(edits.loadStage('s', 't')).toBeNull();
    expect(warnings.at(-1)).toMatch(/could not be read \(the saved data is damaged\)/);
    expect(edits.damaged).toEqual([{ stage: 't', raw }]);
    expect(savedText(edits.damaged)).toContain(raw);
  });
});

describe('a damaged record of where the learner was', () => {
  it.each([
    ['not JSON', '{nope'],
    ['null', 'null'],
    ['a view that is none', '{"view":"elsewhere"}'],
  ])('is kept to download and said, never dropped in silence (%s)', (_, raw) => {
    const store = memory();
    store.data.set(sessionKey('s'), raw);
    const edits = new EditStore(() => {}, store);
    expect(edits.loadSession('s')).toBeNull();
    expect(edits.damaged).toEqual([{ stage: sessionRecord, raw }]);
    // Asked twice (the router asks too), said once.
    edits.loadSession('s');
    expect(edits.damaged).toHaveLength(1);
    expect(savedText(edits.damaged)).toContain(raw);
  });

  it('a record that reads is not damaged, whatever fields it lacks', () => {
    const store = memory();
    store.data.set(sessionKey('s'), '{"view":"debrief"}');
    const edits = new EditStore(() => {}, store);
    expect(edits.loadSession('s')?.view).toBe('debrief');
    expect(edits.damaged).toEqual([]);
  });
});

describe('CrashMarker', () => {
  it('finds the mark a crashed page left with the same scenario open', () => {
    const tab = memory();
    expect(new CrashMarker(tab).begin('s')).toBe(false);
    // The page crashed: no pagehide, the mark stays; the reload finds it.
    expect(new CrashMarker(tab).begin('s')).toBe(true);
  });

  it('finds nothing after a clean close, or for another scenario', () => {
    const tab = memory();
    const marker = new CrashMarker(tab);
    marker.begin('s');
    marker.end();
    expect(tab.data.has(openMarkerKey)).toBe(false);
    expect(new CrashMarker(tab).begin('s')).toBe(false);
    expect(new CrashMarker(tab).begin('other')).toBe(false);
  });

  it('never throws when storage is missing or forbidden', () => {
    const forbidden: StoreLike = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {},
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(new CrashMarker(forbidden).begin('s')).toBe(false);
    expect(() => new CrashMarker(forbidden).end()).not.toThrow();
    expect(new CrashMarker(null).begin('s')).toBe(false);
  });
});

describe('savedText', () => {
  it('names each file before its text', () => {
    expect(savedText([{ stage: 'one', files: [{ path: 'a.yaml', text: 'kind: Pod' }] }])).toBe(
      '# ---- one/a.yaml ----\nkind: Pod\n',
    );
  });
});
