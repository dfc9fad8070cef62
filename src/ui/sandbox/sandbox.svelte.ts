// "Your cluster": the user's manifests played like a one-stage scenario, so the map, the
// attacker, the ways in and the live re-analysis are the worked example's own (ScenarioSession).
// The stage's target is the MUT the user aims at; the ThreatModel in the files decides where
// the attacker starts and the goals (the analyser passes no options that would override it).
import type { InputFile } from '../../engine';
import type { Scenario } from '../../scenarios';
import { ScenarioSession, type Analyser } from '../state/session.svelte';
import { EditStore } from '../state/storage';
import { SandboxStore, sandboxScenarioId, sandboxStageId, type KeptCluster } from './sandboxStore';
import { withThreatModel } from './threatModelText';

export const defaultTarget = 3;

export function sandboxScenario(files: InputFile[], atLeast: number): Scenario {
  const paths = files.map((f) => f.path);
  return {
    folder: `00-${sandboxScenarioId}`,
    id: sandboxScenarioId,
    title: 'Your cluster',
    summary: 'Your own manifests.',
    audience: '',
    difficulty: 'intermediate',
    minutes: 0,
    objectives: [],
    // Unused: the ThreatModel in the files decides (see the analyser below).
    start: 'internet',
    goals: [],
    references: [],
    stages: [
      {
        index: 0,
        id: sandboxStageId,
        title: 'Your cluster',
        brief: '',
        startMut: null,
        target: { atLeast },
        hints: [],
        editable: paths,
        startFiles: files,
        solutionFiles: files,
      },
    ],
    debrief: '',
  };
}

export class Sandbox {
  /** The cluster as brought in (with the ThreatModel the page added, if it did). */
  cluster: KeptCluster | null = $state.raw(null);
  session: ScenarioSession | null = $state.raw(null);
  target = $state(defaultTarget);
  /** Why the cluster is not kept in this browser, if it is not. */
  keepWarning: string | null = $state(null);
  hasPrevious = $state(false);
  #analyser: Analyser;
  #store: SandboxStore;

  constructor(analyser: Analyser, store = new SandboxStore()) {
    // The ThreatModel decides where the attacker starts and the goals: no overriding options.
    this.#analyser = { analyze: (files) => analyser.analyze(files, {}) };
    this.#store = store;
    this.hasPrevious = store.previous() !== null;
    const kept = store.load();
    if (kept) this.#open(kept);
  }

  /** `edits`: the files to continue from, applied whether or not storage could keep them. */
  #open(cluster: KeptCluster, edits?: InputFile[]): void {
    this.session?.dispose();
    this.cluster = cluster;
    const session = new ScenarioSession(
      sandboxScenario(cluster.files, this.target),
      this.#analyser,
    );
    if (session.is('briefing')) session.flow.send({ type: 'scenario.start' });
    for (const file of edits ?? []) {
      const now = session.context.files.find((f) => f.path === file.path);
      if (now && now.text !== file.text)
        session.flow.send({ type: 'editor.changed', path: file.path, text: file.text });
    }
    this.session = session;
  }

  /** The current files, edits included. */
  get files(): InputFile[] {
    return this.session?.context.files ?? this.cluster?.files ?? [];
  }

  get edited(): boolean {
    const cluster = this.cluster;
    if (!cluster) return false;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local value, not state
    const before = new Map(cluster.files.map((f) => [f.path, f.text]));
    return this.files.some((f) => before.get(f.path) !== f.text);
  }

  /**
   * Opens `files` in place of the current cluster, which is kept (with its edits) to be
   * restored: nothing the user did is lost by bringing in another cluster.
   */
  bring(name: string, files: InputFile[]): void {
    const current = this.cluster;
    if (current) {
      this.session?.flushSave();
      const kept = { ...current, edits: this.files, savedAt: Date.now() };
      const problem = this.#store.savePrevious(kept);
      this.hasPrevious = problem === null;
    }
    const cluster: KeptCluster = { name, files: withThreatModel(files), savedAt: Date.now() };
    this.#store.setEdits(null);
    new EditStore(() => {}).clear(sandboxScenarioId, [sandboxStageId]);
    this.keepWarning = this.#store.save(name, cluster.files);
    this.#open(cluster);
  }

  /** Swaps the current cluster with the one it replaced. */
  restorePrevious(): void {
    const previous = this.#store.previous();
    if (!previous) return;
    const current = this.cluster;
    if (current) {
      this.session?.flushSave();
      this.#store.savePrevious({ ...current, edits: this.files, savedAt: Date.now() });
    }
    this.#store.setEdits(previous.edits ?? null);
    this.keepWarning = this.#store.save(previous.name, previous.files);
    this.#open(
      { name: previous.name, files: previous.files, savedAt: previous.savedAt },
      previous.edits,
    );
  }

  /** A new target MUT: the same files and edits, judged against it. */
  setTarget(atLeast: number): void {
    if (!Number.isInteger(atLeast) || atLeast < 0 || atLeast === this.target) return;
    this.target = atLeast;
    const cluster = this.cluster;
    if (!cluster) return;
    const edits = this.files;
    this.session?.flushSave();
    this.#open(cluster, edits);
  }

  edit(path: string, text: string): void {
    this.session?.flow.send({ type: 'editor.changed', path, text });
  }

  dispose(): void {
    this.session?.dispose();
  }
}
