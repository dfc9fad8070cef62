import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  hintLimit,
  loadSettings,
  settingsFromLink,
  settingsKey,
  solutionPolicy,
} from '../../src/ui/state/classroom';
import { parseLink } from '../../src/ui/state/route';

const stored = (raw: string) => ({
  getItem: (k: string) => (k === settingsKey ? raw : null),
  setItem: () => {},
  removeItem: () => {},
});

describe('class settings', () => {
  it('ask before the solution and allow every hint, unless a link says otherwise', () => {
    expect(loadSettings(null)).toEqual(defaultSettings);
    expect(solutionPolicy(defaultSettings)).toBe('confirm');
    expect(hintLimit(defaultSettings, 3)).toBe(3);
  });

  it('take a class link’s settings as a learner’s, and ?instructor as the instructor’s', () => {
    const learner = settingsFromLink(
      parseLink('#/worked-example/1?solution=hidden&hints=1').params,
      defaultSettings,
    );
    expect(learner).toEqual({ instructor: false, solution: 'hidden', hints: 1 });
    expect(solutionPolicy(learner!)).toBe('hidden');
    expect(hintLimit(learner!, 3)).toBe(1);
    const instructor = settingsFromLink(parseLink('#/?instructor').params, learner!);
    expect(solutionPolicy(instructor!)).toBe('open');
    expect(hintLimit(instructor!, 3)).toBe(3);
    expect(settingsFromLink(parseLink('#/kubelet/1').params, learner!)).toBeNull();
  });

  it('read damaged or hand-edited storage as the defaults, field by field', () => {
    expect(loadSettings(stored('{'))).toEqual(defaultSettings);
    expect(loadSettings(stored('{"instructor":"yes","solution":"all","hints":1e9}'))).toEqual(
      defaultSettings,
    );
    expect(loadSettings(stored('{"solution":"hidden","hints":0}'))).toEqual({
      instructor: false,
      solution: 'hidden',
      hints: 0,
    });
  });
});
