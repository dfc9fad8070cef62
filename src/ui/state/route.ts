// The page's addresses, as data: `#/<scenario>/<stage>` and friends, parsed and formatted by
// pure functions so a copied address always reopens the same place. Pure TypeScript, no DOM.
//
//   (empty)                   where the learner was last (then replaced by that place's address)
//   #/                        the library: every scenario, with the learner's progress
//   #/your-cluster            the sandbox: the learner's own manifests
//   #/<scenario>              the scenario's briefing
//   #/<scenario>/<n>          stage n, numbered from 1
//   #/<scenario>/debrief      the debrief
//
// Any of these may end in `?` and parameters: `instructor` (instructor mode), `solution=`
// open | confirm | hidden and `hints=<n>` (the class's settings, docs/classroom.md), and
// `work=<…>` (the learner's edits of the stage, see shareCodec.ts).
import type { Place } from '../../machines/scenarioMachine';

export type { Place };

export type Route =
  | { view: 'resume' }
  | { view: 'library' }
  | { view: 'your-cluster' }
  | { view: 'scenario'; id: string; place: Place }
  /** An address this page cannot read: the library is shown with `reason`. */
  | { view: 'invalid'; reason: string };

/** How learners may see the reference solution (a workflow setting, not a security one). */
export type SolutionPolicy = 'open' | 'confirm' | 'hidden';

export interface LinkParams {
  instructor?: boolean;
  solution?: SolutionPolicy;
  hints?: number;
  work?: string;
}

export interface Link {
  route: Route;
  params: LinkParams;
}

export const sandboxPath = 'your-cluster';
/** Scenario ids are kebab-case (scenario.schema.json); nothing else is taken for one. */
const scenarioId = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const stageNumber = /^[1-9][0-9]{0,3}$/;
/** Longer addresses are refused before any parsing: a share link stays far below this. */
export const maxAddressLength = 64 * 1024;
const maxHints = 99;

/** Reads `location.hash` (with or without its `#`). Never throws. */
export function parseLink(hash: string): Link {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > maxAddressLength)
    return {
      route: { view: 'invalid', reason: 'The address is too long to be a link of MUT Lab.' },
      params: {},
    };
  if (text === '') return { route: { view: 'resume' }, params: {} };
  const query = text.indexOf('?');
  const path = query < 0 ? text : text.slice(0, query);
  const params = parseParams(query < 0 ? '' : text.slice(query + 1));
  return { route: parsePath(path), params };
}

function parsePath(path: string): Route {
  if (!path.startsWith('/'))
    return {
      view: 'invalid',
      reason: 'The address does not name a scenario (it should start with #/).',
    };
  const parts = path.slice(1).split('/');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  const [first = '', second, ...rest] = parts;
  if (first === '' && parts.length === 1) return { view: 'library' };
  if (first === sandboxPath && second === undefined) return { view: 'your-cluster' };
  let id: string;
  try {
    id = decodeURIComponent(first);
  } catch {
    id = first;
  }
  if (!scenarioId.test(id))
    return { view: 'invalid', reason: `There is no scenario “${shorten(id)}”.` };
  if (rest.length > 0)
    return {
      view: 'invalid',
      reason: `The address has more parts than a stage: “${shorten(path)}”.`,
    };
  if (second === undefined) return { view: 'scenario', id, place: 'briefing' };
  if (second === 'debrief') return { view: 'scenario', id, place: 'debrief' };
  if (stageNumber.test(second)) return { view: 'scenario', id, place: Number(second) - 1 };
  return {
    view: 'invalid',
    reason: `“${shorten(second)}” is not a stage of ${id}: stages are numbered from 1.`,
  };
}

function parseParams(query: string): LinkParams {
  const params: LinkParams = {};
  const search = new URLSearchParams(query);
  if (search.has('instructor') && search.get('instructor') !== '0') params.instructor = true;
  const solution = search.get('solution');
  if (solution === 'open' || solution === 'confirm' || solution === 'hidden')
    params.solution = solution;
  const hints = search.get('hints');
  if (hints !== null && /^[0-9]{1,2}$/.test(hints))
    params.hints = Math.min(Number(hints), maxHints);
  const work = search.get('work');
  if (work) params.work = work;
  return params;
}

/** The address of a route, `#/…`; `params` are added in a fixed order. */
export function formatLink(route: Route, params: LinkParams = {}): string {
  const query = new URLSearchParams();
  if (params.instructor) query.set('instructor', '');
  if (params.solution) query.set('solution', params.solution);
  if (params.hints !== undefined) query.set('hints', String(params.hints));
  if (params.work) query.set('work', params.work);
  const tail = query.size
    ? `?${query.toString().replace(/^instructor=(&|$)/, 'instructor$1')}`
    : '';
  return formatPath(route) + tail;
}

function formatPath(route: Route): string {
  switch (route.view) {
    case 'resume':
      return '';
    case 'library':
    case 'invalid':
      return '#/';
    case 'your-cluster':
      return `#/${sandboxPath}`;
    case 'scenario': {
      const { id, place } = route;
      if (place === 'briefing') return `#/${id}`;
      if (place === 'debrief') return `#/${id}/debrief`;
      return `#/${id}/${place + 1}`;
    }
  }
}

/** Same view, same scenario, same place. */
export function sameRoute(a: Route, b: Route): boolean {
  return formatPath(a) === formatPath(b) && a.view === b.view;
}

/** What a route means against the library: a scenario and place that exist, or why not. */
export type Resolved<S> =
  | { view: 'library'; problem?: string }
  | { view: 'your-cluster' }
  | { view: 'resume' }
  | { view: 'scenario'; scenario: S; place: Place };

export function resolveRoute<S extends { id: string; title: string; stages: unknown[] }>(
  route: Route,
  scenarios: readonly S[],
): Resolved<S> {
  switch (route.view) {
    case 'resume':
    case 'library':
    case 'your-cluster':
      return { view: route.view };
    case 'invalid':
      return { view: 'library', problem: route.reason };
    case 'scenario': {
      const scenario = scenarios.find((s) => s.id === route.id);
      if (!scenario)
        return { view: 'library', problem: `There is no scenario “${route.id}” in this library.` };
      if (typeof route.place === 'number' && route.place >= scenario.stages.length)
        return {
          view: 'library',
          problem: `${scenario.title} has ${scenario.stages.length} ${scenario.stages.length === 1 ? 'stage' : 'stages'}, not ${route.place + 1}.`,
        };
      return { view: 'scenario', scenario, place: route.place };
    }
  }
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
