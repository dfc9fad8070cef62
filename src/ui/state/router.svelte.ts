// The address bar as state: the current link (route.ts parses it), and a session followed so
// the address moves with the learner. Each place the learner reaches is a history entry, so
// the browser's Back returns to the previous one; the address they copy reopens it.
import { untrack } from 'svelte';
import type { Actor } from 'xstate';
import { placeOf, type ScenarioMachine } from '../../machines/scenarioMachine';
import { formatLink, parseLink, type Link, type Place, type Route } from './route';
import type { EditStore } from './storage';

export class Router {
  link: Link = $state.raw({ route: { view: 'resume' }, params: {} });
  #onHash = () => {
    this.link = parseLink(location.hash);
  };

  constructor() {
    this.link = parseLink(location.hash);
    addEventListener('hashchange', this.#onHash);
  }

  /**
   * Shows `route` and writes its address: a new history entry, or in place of the current one
   * (`replace`: for an address the page corrects or completes, which Back should skip).
   */
  go(route: Route, { replace = false }: { replace?: boolean } = {}): void {
    const hash = formatLink(route);
    if (hash && hash !== location.hash) {
      if (replace) history.replaceState(history.state, '', hash);
      else history.pushState(null, '', hash);
    }
    this.link = { route, params: {} };
  }

  /**
   * Keeps the address on the place `actor` shows: each move (Next stage, Finish, Start) adds
   * a history entry. A place the address already holds (Back, a link) writes nothing.
   */
  follow(id: string, actor: Actor<ScenarioMachine>): () => void {
    let last = placeOf(actor.getSnapshot());
    // An address without a place ("where I was") or not this one is completed in place.
    // Untracked: an effect that starts following (the page's, when it opens a scenario) must
    // not depend on the address it completes, or the completion runs it again, and a cold
    // load opened the scenario twice and analysed it twice before the first MUT.
    const shown = untrack(() => this.link.route);
    if (shown.view !== 'scenario' || shown.id !== id || shown.place !== last)
      this.go({ view: 'scenario', id, place: last }, { replace: true });
    const subscription = actor.subscribe((snapshot) => {
      const place = placeOf(snapshot);
      if (place === last) return;
      last = place;
      this.go({ view: 'scenario', id, place });
    });
    return () => subscription.unsubscribe();
  }

  dispose(): void {
    removeEventListener('hashchange', this.#onHash);
  }
}

/** Where the learner was in a scenario, from what storage kept (for the picker). */
export function savedPlace(store: EditStore, id: string, stages: number): Place {
  const stage = store.loadProgress(id);
  if (stage === null || stage >= stages) return 'briefing';
  const view = store.loadSession(id)?.view;
  if (view === 'debrief') return 'debrief';
  return view === 'stage' ? stage : 'briefing';
}
