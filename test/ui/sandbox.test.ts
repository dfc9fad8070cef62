import { beforeEach, describe, expect, it } from 'vitest';
import { analyze, type InputFile } from '../../src/engine';
import type { AnalysisOutcome } from '../../src/machines/scenarioMachine';
import { Sandbox } from '../../src/ui/sandbox/sandbox.svelte';
import { SandboxStore, keepLimitChars } from '../../src/ui/sandbox/sandboxStore';

// "Your cluster" never loses what the user did: another cluster replaces it only after
// keeping it, with its edits, to restore; a new target keeps the edits; a reload gives back both.

class MemoryStorage {
  #items = new Map<string, string>();
  getItem = (key: string) => this.#items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.#items.set(key, String(value));
  removeItem = (key: string) => void this.#items.delete(key);
}

const analyser = {
  analyze: (files: InputFile[]): Promise<AnalysisOutcome> =>
    Promise.resolve({ status: 'done', result: analyze(files), inventory: [] }),
};

const first: InputFile[] = [
  { path: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' },
];
const second: InputFile[] = [
  { path: 'b.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n' },
];
const edited = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a-edited\n';
const text = (sandbox: Sandbox, path: string) => sandbox.files.find((f) => f.path === path)?.text;

beforeEach(() => {
  Object.assign(globalThis, {
    localStorage: new MemoryStorage(),
    sessionStorage: new MemoryStorage(),
  });
});

describe('Sandbox', () => {
  it('adds a ThreatModel, keeps an edit over a reload, and keeps it when the target changes', () => {
    const sandbox = new Sandbox(analyser);
    sandbox.bring('first', first);
    expect(sandbox.files.map((f) => f.path)).toEqual(['a.yaml', 'threat-model.yaml']);
    sandbox.edit('a.yaml', edited);
    expect(sandbox.edited).toBe(true);
    sandbox.setTarget(5);
    expect(text(sandbox, 'a.yaml')).toBe(edited);
    sandbox.dispose();
    const reloaded = new Sandbox(analyser);
    expect(reloaded.cluster?.name).toBe('first');
    expect(text(reloaded, 'a.yaml')).toBe(edited);
    reloaded.dispose();
  });

  it('keeps the cluster it replaces, with its edits, and swaps them back', () => {
    const sandbox = new Sandbox(analyser);
    sandbox.bring('first', first);
    sandbox.edit('a.yaml', edited);
    sandbox.bring('second', second);
    expect(sandbox.cluster?.name).toBe('second');
    expect(sandbox.edited).toBe(false);
    expect(sandbox.hasPrevious).toBe(true);
    sandbox.restorePrevious();
    expect(sandbox.cluster?.name).toBe('first');
    expect(text(sandbox, 'a.yaml')).toBe(edited);
    sandbox.restorePrevious();
    expect(sandbox.cluster?.name).toBe('second');
    sandbox.dispose();
  });

  it('says when a cluster is too large to keep, and still opens it', () => {
    const sandbox = new Sandbox(analyser, new SandboxStore(new MemoryStorage()));
    sandbox.bring('huge', [{ path: 'x.yaml', text: `# ${'x'.repeat(keepLimitChars)}\n` }]);
    expect(sandbox.keepWarning).toMatch(/too large to keep in this browser/);
    expect(sandbox.cluster?.name).toBe('huge');
    sandbox.dispose();
  });
});
