// One scenario being played: the scenario flow and the attacker playback as actors, the
// learner's edits kept in storage, and what the views derive from them.
import { createActor, fromPromise } from 'xstate';
import type { InputFile } from '../../engine';
import { attackerMachine, type AttackStep } from '../../machines/attackerMachine';
import { goalFor } from '../../machines/explain';
import {
  createScenarioMachine,
  placeOf,
  type AnalysisInput,
  type AnalysisOutcome,
  type Place,
  type ScenarioMachine,
} from '../../machines/scenarioMachine';
import { stageMut, type Scenario } from '../../machines/scenarioTypes';
import { ActorState } from './useActor.svelte';
import { CrashMarker, EditStore, savedText, sessionRecord, type SavedSession } from './storage';

/**
 * What the session needs from the engine (the worker client fits): the final outcome, and
 * before it, when the full proof takes a while, a quick one to `onQuick`.
 */
export interface Analyser {
  analyze(
    files: InputFile[],
    options: AnalysisInput['options'],
    onQuick?: (outcome: AnalysisOutcome & { status: 'done' }) => void,
  ): Promise<AnalysisOutcome>;
}

export const saveDelayMs = 100;

export class ScenarioSession {
  readonly scenario: Scenario;
  readonly flow: ActorState<ScenarioMachine>;
  readonly attacker: ActorState<typeof attackerMachine>;
  storageWarning: string | null = $state(null);
  /** Milliseconds the last analysis took in the worker (for the benchmark and the curious). */
  lastAnalysisMs: number | null = $state(null);
  /** True from a quick answer until its full proof lands (the gauge says "still proving"). */
  proving = $state(false);
  /**
   * Set when the page crashed last time with this scenario open (its saved edits may be why):
   * the stages start from their original files, and the saved text waits to be downloaded.
   */
  safeMode: { text: string } | null = $state(null);
  /** Damaged saved data, as stored, for download. */
  damagedText: string | null = $state(null);
  /** What `damagedText` holds: a stage's edits, the record of where the learner was, or both. */
  damagedEdits = $state(false);
  damagedPlace = $state(false);
  #store: EditStore;
  #marker: CrashMarker;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingSave: (() => void) | null = null;
  #unsubscribe: () => void;
  /** Analyses asked for so far: a late final answer is taken only for the newest. */
  #calls = 0;

  /** `open`: the place the address asks for; null resumes where the learner was. */
  constructor(
    scenario: Scenario,
    analyser: Analyser,
    marker = new CrashMarker(),
    open: Place | null = null,
  ) {
    this.scenario = scenario;
    this.#store = new EditStore((message) => (this.storageWarning = message));
    this.#marker = marker;
    const crashed = marker.begin(scenario.id);
    let saved: Record<string, InputFile[]> = {};
    for (const stage of scenario.stages) {
      const files = this.#store.loadStage(scenario.id, stage.id);
      // Keep only files the stage has; a scenario update may have renamed some.
      if (files && files.length === stage.startFiles.length) saved[stage.id] = files;
    }

    if (crashed && Object.keys(saved).length > 0) {
      this.safeMode = {
        text: savedText(Object.entries(saved).map(([stage, files]) => ({ stage, files }))),
      };
      saved = {};
    }
    const resume = this.#store.loadProgress(scenario.id);
    const kept = resume !== null ? this.#store.loadSession(scenario.id) : null;
    // After both reads: a damaged stage and a damaged record of the place are said together.
    const damaged = this.#store.damaged;
    if (damaged.length) {
      this.damagedText = savedText(damaged);
      this.damagedPlace = damaged.some((d) => d.stage === sessionRecord);
      this.damagedEdits = damaged.some((d) => d.stage !== sessionRecord);
    }
    const valid = resume !== null && resume < scenario.stages.length;
    const at = open === null ? null : opening(open, valid ? resume : null, kept?.view ?? null);
    const machine = createScenarioMachine(scenario).provide({
      actors: {
        // The flow takes the first answer (the quick pass, or the final one when there is
        // no quick pass); a final answer after a quick one comes as `analysis.final`, unless
        // a newer analysis has begun since.
        analyse: fromPromise<AnalysisOutcome, AnalysisInput>(({ input }) => {
          // For bench/browser: when the (debounced) analysis really starts.
          performance.mark('mutlab:analyse');
          const call = ++this.#calls;
          return new Promise<AnalysisOutcome>((resolve) => {
            let answered = false;
            const onQuick = (quick: AnalysisOutcome) => {
              answered = true;
              if (call === this.#calls) this.proving = true;
              resolve(quick);
            };
            void analyser.analyze(input.files, input.options, onQuick).then((outcome) => {
              if (call === this.#calls) this.proving = false;
              if (outcome.status === 'done' && outcome.ms !== undefined)
                this.lastAnalysisMs = outcome.ms;
              if (!answered) resolve(outcome);
              else if (outcome.status === 'done' && call === this.#calls)
                this.flow.actor.send({ type: 'analysis.final', output: outcome });
            });
          });
        }),
      },
    });
    this.flow = new ActorState(
      createActor(machine, {
        input: {
          scenario,
          saved,
          resumeAt: at ? at.resumeAt : valid ? resume : null,
          resumeIn: at ? at.resumeIn : valid ? (kept?.view ?? null) : null,
          history: kept?.history ?? [],
          hintsRevealed: !at || at.keepsHints ? (kept?.hintsRevealed ?? 0) : 0,
          hintsUsed: kept?.hintsUsed ?? 0,
          options: { goals: scenario.goals, start: scenario.start },
        },
      }),
    );
    this.attacker = new ActorState(createActor(attackerMachine, { input: { steps: null } }));

    let lastSaved = this.flow.snapshot.context.saved;
    let lastStage = -1;
    let lastKept = '';
    let lastWitness: unknown = undefined;
    const sync = () => {
      const snapshot = this.flow.actor.getSnapshot();
      const { context } = snapshot;
      if (context.saved !== lastSaved) {
        lastSaved = context.saved;
        const stage = scenario.stages[context.stageIndex];
        const files = stage ? context.saved[stage.id] : undefined;
        if (stage && files)
          this.#scheduleSave(() => this.#store.saveStage(scenario.id, stage.id, files));
      }
      if (
        !snapshot.hasTag('briefing') &&
        !snapshot.hasTag('debrief') &&
        context.stageIndex !== lastStage
      ) {
        lastStage = context.stageIndex;
        this.#store.saveProgress(scenario.id, context.stageIndex);
      }
      // The view, the history and the hints: a reload comes back to this very state.
      if (snapshot.hasTag('briefing')) {
        lastStage = -1;
        lastKept = '';
      } else {
        const keep: SavedSession = {
          view: snapshot.hasTag('debrief') ? 'debrief' : 'stage',
          history: context.history,
          hintsRevealed: context.hintsRevealed,
          hintsUsed: context.hintsUsed,
        };
        const key = JSON.stringify(keep);
        if (key !== lastKept) {
          lastKept = key;
          this.#store.saveSession(scenario.id, keep);
        }
      }
      const stage = scenario.stages[context.stageIndex];
      const goal = stage ? goalFor(context.good, stage.target) : null;
      const witness = goal?.witness ?? null;
      if (witness !== lastWitness) {
        lastWitness = witness;
        this.attacker.send({ type: 'attacker.load', steps: witness ? attackSteps(witness) : null });
      }
    };
    const subscription = this.flow.actor.subscribe(sync);
    this.#unsubscribe = () => subscription.unsubscribe();
    sync();
  }

  get context() {
    return this.flow.snapshot.context;
  }

  get stage() {
    return this.scenario.stages[this.flow.snapshot.context.stageIndex] ?? null;
  }

  get goal() {
    const stage = this.stage;
    return stage ? goalFor(this.context.good, stage.target) : null;
  }

  get mut(): number | null | undefined {
    const stage = this.stage;
    const good = this.context.good;
    if (!stage || !good) return undefined;
    return stageMut(good, stage.target);
  }

  /** Where the learner is: what the address shows. */
  get place(): Place {
    return placeOf(this.flow.snapshot);
  }

  is(state: 'briefing' | 'debrief' | 'won' | 'analysing'): boolean {
    return this.flow.snapshot.hasTag(state);
  }

  /** Forget every edit and the progress of this scenario, then start over. */
  restart(): void {
    this.safeMode = null;
    this.#store.clear(
      this.scenario.id,
      this.scenario.stages.map((s) => s.id),
    );
    this.flow.send({ type: 'scenario.restart' });
  }

  #scheduleSave(save: () => void): void {
    this.#pendingSave = save;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#writeSave(), saveDelayMs);
  }

  /**
   * Writes a pending save now (on page hide, so a closing tab keeps the last keystroke), and
   * marks the page as closed cleanly.
   */
  flushSave(): void {
    this.#writeSave();
    this.#marker.end();
  }

  #writeSave(): void {
    clearTimeout(this.#saveTimer);
    const save = this.#pendingSave;
    this.#pendingSave = null;
    save?.();
  }

  /** Leaves the safe mode: the saved edits are loaded again on the next page load. */
  trustSavedEdits(): void {
    this.#marker.end();
  }

  dispose(): void {
    this.flushSave();
    this.#unsubscribe();
    this.attacker.stop();
    this.flow.stop();
  }
}

/** The machine's resume input for a place asked for by the address. */
function opening(
  open: Place,
  resume: number | null,
  view: 'stage' | 'debrief' | null,
): { resumeAt: number | null; resumeIn: 'stage' | 'debrief' | null; keepsHints: boolean } {
  if (typeof open === 'number')
    return {
      resumeAt: open,
      resumeIn: 'stage',
      keepsHints: view === 'stage' && resume === open,
    };
  return { resumeAt: resume, resumeIn: open === 'debrief' ? 'debrief' : null, keepsHints: false };
}

export function attackSteps(witness: {
  steps: {
    title: string;
    from: string;
    to: string;
    fromFact: string;
    toFact: string;
    messUps: string[];
  }[];
  messUps: { id: string; title: string }[];
}): AttackStep[] {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local value, not state
  const titles = new Map(witness.messUps.map((m) => [m.id, m.title]));
  return witness.steps.map((step) => ({
    title: step.title,
    from: step.from,
    to: step.to,
    fromFact: step.fromFact,
    toFact: step.toFact,
    messUps: step.messUps.map((id) => ({ id, title: titles.get(id) ?? id })),
  }));
}
