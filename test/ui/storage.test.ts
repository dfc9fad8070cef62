import { describe, expect, it } from 'vitest';
import { EditStore, sessionKey, stageKey, type StoreLike } from '../../src/ui/state/storage';

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
});
