// The scenario flow, compiled from scenario DATA: briefing → one state per stage → debrief.
// Each stage edits ⇄ analyses; it is won when the analysis meets the stage's target. The
// analysis is an actor provided by name (`analyse`), so tests swap it with `.provide()`.
import { assign, fromPromise, setup } from 'xstate';
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine';
import { explainChange } from './explain';
import type { Scenario, Stage } from './scenarioTypes';
import { meetsTarget, stageMut } from './scenarioTypes';

/**
 * One Kubernetes object (or ThreatModel entry) the map can draw, with where it is written;
 * `id` is in the same vocabulary as the engine's facts (see src/ui/map/graph.ts). The worker's
 * inventory produces these.
 */
export interface InventoryItem {
  id: string;
  kind: string;
  name: string;
  namespace?: string;
  file: string;
  line: number;
}

export type AnalysisOutcome =
  | { status: 'done'; result: AnalysisResult; inventory: InventoryItem[]; ms?: number }
  | { status: 'error'; message: string }
  | { status: 'superseded' };

export interface AnalysisInput {
  files: InputFile[];
  options: AnalyzeOptions;
}

export interface HistoryEntry {
  stage: number;
  mut: number | null;
  reason: string;
}

export interface ScenarioInput {
  scenario: Scenario;
  /** Files kept from an earlier visit, per stage id. */
  saved?: Record<string, InputFile[]>;
  /** The stage to continue at (from the saved progress). */
  resumeAt?: number | null;
  /**
   * Where the learner was when the page went away: `stage` opens `resumeAt` at once (no
   * briefing), `debrief` opens the debrief; absent, the flow starts at the briefing.
   */
  resumeIn?: 'stage' | 'debrief' | null;
  /** The session's MUT history so far, kept across reloads. */
  history?: HistoryEntry[];
  /** Hints already shown in the resumed stage, and used in the whole session. */
  hintsRevealed?: number;
  hintsUsed?: number;
  options?: AnalyzeOptions;
}

export interface ScenarioContext {
  scenario: Scenario;
  options: AnalyzeOptions;
  stageIndex: number;
  files: InputFile[];
  saved: Record<string, InputFile[]>;
  resumeAt: number | null;
  resumeIn: 'stage' | 'debrief' | null;
  /** Hints to show again when the resumed stage opens (then 0). */
  resumeHints: number;
  /** The latest analysis; it may carry errors (broken YAML). */
  result: AnalysisResult | null;
  /** The latest analysis without errors: what the gauge and map show. */
  good: AnalysisResult | null;
  inventory: InventoryItem[];
  /** True when the latest analysis failed or had errors, so `good` is out of date. */
  stale: boolean;
  analysisError: string | null;
  hintsRevealed: number;
  hintsUsed: number;
  history: HistoryEntry[];
  /** The files a reset replaced, until the reset is undone or the stage left. */
  undo: InputFile[] | null;
  analyses: number;
}

export type ScenarioEvent =
  | { type: 'scenario.start' }
  | { type: 'scenario.restart' }
  | { type: 'editor.changed'; path: string; text: string }
  | { type: 'hint.reveal' }
  | { type: 'stage.next' }
  | { type: 'stage.reset' }
  | { type: 'stage.undoReset' }
  | { type: 'stage.loadSolution' }
  /** Someone's work for this stage (a share link), replacing the edits; undoable like a reset. */
  | { type: 'stage.loadWork'; files: InputFile[] }
  /** Go straight to a place of the scenario (a deep link, the back button): see `Place`. */
  | { type: 'scenario.open'; place: Place }

  /**
   * The full proof of the analysis last shown, which came as a quick pass first: taken when
   * the stage waits for nothing else (not while a newer edit waits or is analysed).
   */
  | { type: 'analysis.final'; output: AnalysisOutcome };

/** Where in a scenario the learner is: the briefing, a stage (index from 0), or the debrief. */
export type Place = 'briefing' | 'debrief' | number;

export const debounceMs = 150;

const hasErrors = (result: AnalysisResult) =>
  result.diagnostics.some((d) => d.severity === 'error');

/** A binary of the cluster would refuse its settings and exit: no running cluster, no fix. */
const wouldNotStart = (result: AnalysisResult) =>
  result.diagnostics.some((d) => d.code === 'would-not-start');

const copyFiles = (files: readonly InputFile[]): InputFile[] =>
  files.map(({ path, text }) => ({ path, text }));

function stageOf(context: ScenarioContext): Stage {
  const stage = context.scenario.stages[context.stageIndex];
  if (!stage) throw new Error(`scenario ${context.scenario.id} has no stage ${context.stageIndex}`);
  return stage;
}

function filesFor(context: ScenarioContext, index: number): InputFile[] {
  const stage = context.scenario.stages[index];
  if (!stage) return [];
  return copyFiles(context.saved[stage.id] ?? stage.startFiles);
}

export const stageStateId = (index: number) => `stage${index + 1}`;

const scenarioSetup = setup({
  types: {
    context: {} as ScenarioContext,
    events: {} as ScenarioEvent,
    input: {} as ScenarioInput,
    tags: {} as 'analysing' | 'won' | 'editable' | 'briefing' | 'debrief',
  },
  delays: { debounce: debounceMs },
  actors: {
    // Replaced by the page (engine worker) and by tests (fakes).
    analyse: fromPromise<AnalysisOutcome, AnalysisInput>(async () => ({
      status: 'error',
      message: 'no analysis actor provided',
    })),
  },
  guards: {
    hasMoreHints: ({ context }) =>
      context.stageIndex >= 0 && context.hintsRevealed < stageOf(context).hints.length,
    canUndo: ({ context }) => context.undo !== null,
    resumeIs: ({ context }, params: { index: number }) => (context.resumeAt ?? 0) === params.index,
    resumesInStage: ({ context }, params: { index: number }) =>
      context.resumeIn === 'stage' && (context.resumeAt ?? 0) === params.index,
    resumesInDebrief: ({ context }) => context.resumeIn === 'debrief',
    opens: ({ event }, params: { place: Place }) =>
      event.type === 'scenario.open' && event.place === params.place,
    outcomeWins: ({ context, event }) => {
      const outcome = (event as unknown as { output?: AnalysisOutcome }).output;
      if (!outcome || outcome.status !== 'done' || hasErrors(outcome.result)) return false;
      // Whatever its MUT, an API server (or kubelet, etcd) that would not start wins nothing.
      if (wouldNotStart(outcome.result)) return false;
      const target = stageOf(context).target;
      // Only a proved MUT wins: a goal still being proved counts its lower bound.
      const proved = {
        ...outcome.result,
        goals: outcome.result.goals.map((g) => (g.exact ? g : { ...g, mut: g.lowerBound })),
      };
      return meetsTarget(stageMut(proved, target), target);
    },
  },
  actions: {
    enterStage: assign(({ context }, params: { index: number }) => ({
      stageIndex: params.index,
      files: filesFor(context, params.index),
      // A reload gives back the hints the learner had open in this stage.
      hintsRevealed:
        context.resumeIn === 'stage' && context.resumeAt === params.index
          ? Math.min(context.resumeHints, context.scenario.stages[params.index]?.hints.length ?? 0)
          : 0,
      resumeHints: 0,
      resumeIn: null,
      undo: null,
      resumeAt: params.index,
    })),
    enterDebrief: assign(({ context }) => {
      const last = context.scenario.stages.length - 1;
      return { stageIndex: last, files: filesFor(context, last), resumeIn: null, undo: null };
    }),
    editFile: assign(({ context, event }) => {
      if (event.type !== 'editor.changed') return {};
      const files = context.files.map((file) =>
        file.path === event.path ? { path: file.path, text: event.text } : file,
      );
      const stage = context.scenario.stages[context.stageIndex];
      return {
        files,
        saved: stage ? { ...context.saved, [stage.id]: files } : context.saved,
      };
    }),
    recordOutcome: assign(({ context, event }) => {
      const outcome = (event as unknown as { output: AnalysisOutcome }).output;
      if (outcome.status === 'superseded') return {};
      if (outcome.status === 'error') {
        return { stale: true, analysisError: outcome.message, analyses: context.analyses + 1 };
      }
      const { result, inventory } = outcome;
      if (hasErrors(result)) {
        return { result, stale: true, analysisError: null, analyses: context.analyses + 1 };
      }
      const stage = stageOf(context);
      const mut = stageMut(result, stage.target);
      const last = context.history[context.history.length - 1];
      const history =
        last && last.mut === mut
          ? context.history
          : [
              ...context.history,
              {
                stage: context.stageIndex,
                mut,
                reason: explainChange(context.good, result, stage.target),
              },
            ];
      return {
        result,
        good: result,
        inventory,
        stale: false,
        analysisError: null,
        history,
        analyses: context.analyses + 1,
      };
    }),
    recordFailure: assign(({ context, event }) => ({
      stale: true,
      analysisError: String((event as unknown as { error: unknown }).error),
      analyses: context.analyses + 1,
    })),
    revealHint: assign(({ context }) => ({
      hintsRevealed: context.hintsRevealed + 1,
      hintsUsed: context.hintsUsed + 1,
    })),
    resetStage: assign(({ context }) => {
      const stage = stageOf(context);
      const files = copyFiles(stage.startFiles);
      return { undo: context.files, files, saved: { ...context.saved, [stage.id]: files } };
    }),
    undoReset: assign(({ context }) => {
      const stage = stageOf(context);
      const files = context.undo ?? context.files;
      return { undo: null, files, saved: { ...context.saved, [stage.id]: files } };
    }),
    loadSolution: assign(({ context }) => {
      const stage = stageOf(context);
      const files = copyFiles(stage.solutionFiles);
      return { undo: context.files, files, saved: { ...context.saved, [stage.id]: files } };
    }),
    loadWork: assign(({ context, event }) => {
      if (event.type !== 'stage.loadWork') return {};
      const stage = stageOf(context);
      const given = new Map(event.files.map((f) => [f.path, f.text]));
      // Only the stage's own files change; the link cannot add or remove any.
      const files = context.files.map((f) => ({ path: f.path, text: given.get(f.path) ?? f.text }));
      return { undo: context.files, files, saved: { ...context.saved, [stage.id]: files } };
    }),
    restart: assign(() => ({
      saved: {},
      resumeAt: null,
      resumeIn: null,
      history: [],
      hintsUsed: 0,
      stageIndex: 0,
    })),
    previewFirstStage: assign(({ context }) => ({
      stageIndex: context.resumeAt ?? 0,
      files: filesFor(context, context.resumeAt ?? 0),
    })),
  },
});

function analysingState() {
  return {
    tags: ['analysing' as const],
    invoke: {
      id: 'analysis',
      src: 'analyse' as const,
      input: ({ context }: { context: ScenarioContext }) => ({
        files: copyFiles(context.files),
        options: context.options,
      }),
      onDone: [
        { guard: 'outcomeWins' as const, target: 'won', actions: 'recordOutcome' as const },
        { target: 'editing', actions: 'recordOutcome' as const },
      ],
      onError: { target: 'editing', actions: 'recordFailure' as const },
    },
  };
}

/** Builds the machine for one scenario; every state of the flow comes from its data. */
export function createScenarioMachine(scenario: Scenario) {
  const stages = scenario.stages;
  const stageStates = Object.fromEntries(
    stages.map((stage, index) => {
      const next = index + 1 < stages.length ? stageStateId(index + 1) : 'debrief';
      return [
        stageStateId(index),
        {
          meta: { stage: stage.id },
          entry: { type: 'enterStage' as const, params: { index } },
          initial: 'analysing',
          on: {
            'editor.changed': { target: `.debouncing`, actions: 'editFile' as const },
            'hint.reveal': { guard: 'hasMoreHints' as const, actions: 'revealHint' as const },
            'stage.reset': { target: '.analysing', actions: 'resetStage' as const },
            'stage.undoReset': {
              guard: 'canUndo' as const,
              target: '.analysing',
              actions: 'undoReset' as const,
            },
            'stage.loadSolution': {
              target: '.analysing',
              actions: 'loadSolution' as const,
            },
            'stage.loadWork': { target: '.analysing', actions: 'loadWork' as const },
          },
          states: {
            editing: {
              tags: ['editable' as const],
              on: {
                'analysis.final': [
                  {
                    guard: 'outcomeWins' as const,
                    target: 'won',
                    actions: 'recordOutcome' as const,
                  },
                  { actions: 'recordOutcome' as const },
                ],
              },
            },
            debouncing: {
              tags: ['editable' as const, 'analysing' as const],
              after: { debounce: 'analysing' },
              // The text changed since: the proof is of an older one.
              on: { 'analysis.final': {} },
            },
            analysing: {
              ...analysingState(),
              tags: ['editable' as const, 'analysing' as const],
              on: { 'analysis.final': {} },
            },
            won: {
              tags: ['editable' as const, 'won' as const],
              on: {
                'stage.next': { target: `#scenario.${next}` },
                'analysis.final': { actions: 'recordOutcome' as const },
              },
            },
          },
        },
      ];
    }),
  );

  // From anywhere, a place asked for by the address: the stage opens with its saved edits, the
  // debrief after analysing the last stage, the briefing as on a first visit.
  const open = [
    ...stages.map((_stage, index) => ({
      guard: { type: 'opens' as const, params: { place: index as Place } },
      target: `.${stageStateId(index)}`,
    })),
    {
      guard: { type: 'opens' as const, params: { place: 'debrief' as Place } },
      target: '.debriefAfterReload',
    },
    {
      guard: { type: 'opens' as const, params: { place: 'briefing' as Place } },
      target: '.briefing',
    },
  ];

  return scenarioSetup.createMachine({
    id: 'scenario',
    on: { 'scenario.open': open },
    context: ({ input }) => ({
      scenario: input.scenario,
      options: input.options ?? {},
      stageIndex: 0,
      files: [],
      saved: input.saved ?? {},
      resumeAt: input.resumeAt ?? null,
      resumeIn: input.resumeIn ?? null,
      resumeHints: input.hintsRevealed ?? 0,
      result: null,
      good: null,
      inventory: [],
      stale: false,
      analysisError: null,
      hintsRevealed: 0,
      hintsUsed: input.hintsUsed ?? 0,
      history: input.history ?? [],
      undo: null,
      analyses: 0,
    }),
    initial: 'resuming',
    states: {
      // A reload puts the learner back where they were: in a stage, the debrief, or the
      // briefing when the scenario was never started.
      resuming: {
        always: [
          ...stages.map((_stage, index) => ({
            guard: { type: 'resumesInStage' as const, params: { index } },
            target: stageStateId(index),
          })),
          { guard: 'resumesInDebrief' as const, target: 'debriefAfterReload' },
          { target: 'briefing' },
        ],
      },
      briefing: {
        tags: ['briefing'],
        entry: 'previewFirstStage',
        initial: 'analysing',
        states: {
          analysing: {
            tags: ['analysing'],
            invoke: {
              id: 'analysis',
              src: 'analyse',
              input: ({ context }) => ({
                files: copyFiles(context.files),
                options: context.options,
              }),
              onDone: { target: 'ready', actions: 'recordOutcome' },
              onError: { target: 'ready', actions: 'recordFailure' },
            },
          },
          ready: { on: { 'analysis.final': { actions: 'recordOutcome' } } },
        },
        on: {
          'scenario.start': stages.map((_stage, index) => ({
            guard: { type: 'resumeIs' as const, params: { index } },
            target: stageStateId(index),
          })),
        },
      },
      ...stageStates,
      // Opened by a reload, the debrief has no analysis yet: the last stage's is made first.
      debriefAfterReload: {
        tags: ['debrief', 'analysing'],
        entry: 'enterDebrief',
        invoke: {
          id: 'analysis',
          src: 'analyse',
          input: ({ context }) => ({
            files: copyFiles(context.files),
            options: context.options,
          }),
          onDone: { target: 'debrief', actions: 'recordOutcome' },
          onError: { target: 'debrief', actions: 'recordFailure' },
        },
      },
      debrief: {
        tags: ['debrief'],
        on: {
          'scenario.restart': { target: 'briefing', actions: 'restart' },
          'analysis.final': { actions: 'recordOutcome' },
        },
      },
    },
  });
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;

/** The place a snapshot of the flow shows. */
export function placeOf(snapshot: {
  hasTag(tag: 'briefing' | 'debrief'): boolean;
  context: { stageIndex: number };
}): Place {
  if (snapshot.hasTag('briefing')) return 'briefing';
  if (snapshot.hasTag('debrief')) return 'debrief';
  return snapshot.context.stageIndex;
}
