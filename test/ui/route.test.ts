import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatLink,
  maxAddressLength,
  parseLink,
  resolveRoute,
  type Route,
} from '../../src/ui/state/route';

const library = [
  { id: 'worked-example', title: 'Count the mistakes', stages: [{}, {}] },
  { id: 'kubelet', title: 'The kubelet', stages: [{}] },
];

describe('parseLink', () => {
  it('reads the library, the sandbox, a briefing, a stage numbered from 1 and the debrief', () => {
    expect(parseLink('').route).toEqual({ view: 'resume' });
    expect(parseLink('#').route).toEqual({ view: 'resume' });
    expect(parseLink('#/').route).toEqual({ view: 'library' });
    expect(parseLink('#/your-cluster').route).toEqual({ view: 'your-cluster' });
    expect(parseLink('#/worked-example').route).toEqual({
      view: 'scenario',
      id: 'worked-example',
      place: 'briefing',
    });
    expect(parseLink('#/worked-example/2').route).toEqual({
      view: 'scenario',
      id: 'worked-example',
      place: 1,
    });
    expect(parseLink('#/worked-example/2/').route).toMatchObject({ place: 1 });
    expect(parseLink('#/worked-example/debrief').route).toMatchObject({ place: 'debrief' });
  });

  it('says why an address is not one of the page, in words', () => {
    for (const hash of [
      '#/worked-example/0',
      '#/worked-example/two',
      '#/worked-example/-1',
      '#/worked-example/1/extra',
      '#/<script>alert(1)</script>',
      '#/Worked_Example',
      '#worked-example',
    ]) {
      const route = parseLink(hash).route;
      expect(route.view, hash).toBe('invalid');
      expect((route as { reason: string }).reason.length, hash).toBeGreaterThan(10);
    }
    expect(parseLink(`#/${'a'.repeat(maxAddressLength)}`).route.view).toBe('invalid');
  });

  it('reads the instructor, class and work parameters, and ignores values it does not know', () => {
    expect(parseLink('#/worked-example/1?instructor').params).toEqual({ instructor: true });
    expect(parseLink('#/?solution=hidden&hints=2').params).toEqual({
      solution: 'hidden',
      hints: 2,
    });
    expect(parseLink('#/?solution=everything&hints=-3&instructor=0').params).toEqual({});
    expect(parseLink('#/kubelet/1?work=1.abc.def').params).toEqual({ work: '1.abc.def' });
  });

  it('never throws, whatever the address', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const link = parseLink(text);
        expect(['resume', 'library', 'your-cluster', 'scenario', 'invalid']).toContain(
          link.route.view,
        );
      }),
    );
  });
});

describe('formatLink', () => {
  it('gives back what parseLink reads, for every route and parameter set', () => {
    const route = fc.oneof(
      fc.constant<Route>({ view: 'library' }),
      fc.constant<Route>({ view: 'your-cluster' }),
      fc.record({
        view: fc.constant('scenario' as const),
        // your-cluster is the sandbox's address, never a scenario's.
        id: fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/).filter((id) => id !== 'your-cluster'),
        place: fc.oneof(
          fc.constant('briefing' as const),
          fc.constant('debrief' as const),
          fc.integer({ min: 0, max: 998 }),
        ),
      }),
    );
    const params = fc.record(
      {
        instructor: fc.constant(true),
        solution: fc.constantFrom('open' as const, 'confirm' as const, 'hidden' as const),
        hints: fc.integer({ min: 0, max: 99 }),
        work: fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(route, params, (r, p) => {
        expect(parseLink(formatLink(r, p))).toEqual({ route: r, params: p });
      }),
    );
  });

  it('writes the addresses the README documents', () => {
    expect(formatLink({ view: 'scenario', id: 'worked-example', place: 1 })).toBe(
      '#/worked-example/2',
    );
    expect(formatLink({ view: 'scenario', id: 'kubelet', place: 'debrief' })).toBe(
      '#/kubelet/debrief',
    );
    expect(formatLink({ view: 'library' }, { instructor: true })).toBe('#/?instructor');
    expect(formatLink({ view: 'library' }, { solution: 'hidden', hints: 1 })).toBe(
      '#/?solution=hidden&hints=1',
    );
  });
});

describe('resolveRoute', () => {
  it('finds the scenario and the stage', () => {
    expect(resolveRoute(parseLink('#/worked-example/2').route, library)).toMatchObject({
      view: 'scenario',
      scenario: { id: 'worked-example' },
      place: 1,
    });
  });

  it('shows the library with a reason for an unknown scenario or stage', () => {
    expect(resolveRoute(parseLink('#/nope/1').route, library)).toEqual({
      view: 'library',
      problem: 'There is no scenario “nope” in this library.',
    });
    expect(resolveRoute(parseLink('#/kubelet/2').route, library)).toEqual({
      view: 'library',
      problem: 'The kubelet has 1 stage, not 2.',
    });
    expect(resolveRoute(parseLink('#/kubelet/x').route, library)).toMatchObject({
      view: 'library',
      problem: expect.stringContaining('numbered from 1'),
    });
  });
});
