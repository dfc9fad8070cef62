// Attacker playback: the attacker walks the witness one step at a time on a timer. Each
// mess-up it needs is counted where it happens ("mistake 2 of 3"); the walk ends in a
// breach (goal reached) or is blocked (no witness). Context is plain JSON, so a presenter
// view or a share link can carry it.
import { assign, setup } from 'xstate';

export interface AttackStep {
  title: string;
  from: string;
  to: string;
  fromFact: string;
  toFact: string;
  /** The mess-ups this step relies on, by id and sentence. */
  messUps: { id: string; title: string }[];
}

export interface MistakeNote {
  n: number;
  of: number;
  title: string;
  step: number;
}

export type Speed = 0.5 | 1 | 2;

export interface AttackerContext {
  steps: AttackStep[];
  /** Index of the step the attacker has just taken; -1 before the first. */
  index: number;
  /** Mess-ups met so far, in order, each counted once. */
  seen: string[];
  totalMistakes: number;
  mistake: MistakeNote | null;
  speed: Speed;
}

export interface AttackerInput {
  steps?: AttackStep[] | null;
  speed?: Speed;
}

export type AttackerEvent =
  | { type: 'attacker.play' }
  | { type: 'attacker.pause' }
  | { type: 'attacker.step' }
  | { type: 'attacker.back' }
  | { type: 'attacker.restart' }
  | { type: 'attacker.speed'; speed: Speed }
  | { type: 'attacker.load'; steps: AttackStep[] | null };

export const baseStepMs = 1200;

function countMistakes(steps: readonly AttackStep[]): number {
  return new Set(steps.flatMap((s) => s.messUps.map((m) => m.id))).size;
}

function fresh(steps: AttackStep[] | null | undefined, speed: Speed): AttackerContext {
  const list = steps ?? [];
  return {
    steps: list,
    index: -1,
    seen: [],
    totalMistakes: countMistakes(list),
    mistake: null,
    speed,
  };
}

function advanceOnce(context: AttackerContext): AttackerContext {
  const index = Math.min(context.index + 1, context.steps.length - 1);
  const step = context.steps[index];
  let seen = context.seen;
  let mistake = context.mistake;
  for (const messUp of step?.messUps ?? []) {
    if (seen.includes(messUp.id)) continue;
    seen = [...seen, messUp.id];
    mistake = { n: seen.length, of: context.totalMistakes, title: messUp.title, step: index };
  }
  return { ...context, index, seen, mistake };
}

export const attackerMachine = setup({
  types: {
    context: {} as AttackerContext,
    events: {} as AttackerEvent,
    input: {} as AttackerInput,
    tags: {} as 'running' | 'finished',
  },
  delays: {
    stepDelay: ({ context }) => baseStepMs / context.speed,
  },
  guards: {
    hasSteps: ({ context }) => context.steps.length > 0,
    atLastStep: ({ context }) => context.index + 1 >= context.steps.length - 1,
    finished: ({ context }) => context.index >= context.steps.length - 1,
    atFirstStep: ({ context }) => context.index <= 0,
  },
  actions: {
    advance: assign(({ context }) => advanceOnce(context)),
    rewind: assign(({ context }) => fresh(context.steps, context.speed)),
    // One step back (presenter's ←): the walk replayed to the step before, so the mistakes
    // counted are exactly those met on the way there.
    back: assign(({ context }) => {
      let replay = fresh(context.steps, context.speed);
      for (let i = 0; i < context.index; i++) replay = advanceOnce(replay);
      return replay;
    }),
    load: assign(({ context, event }) =>
      event.type === 'attacker.load' ? fresh(event.steps, context.speed) : {},
    ),
    setSpeed: assign(({ event }) =>
      event.type === 'attacker.speed' ? { speed: event.speed } : {},
    ),
  },
}).createMachine({
  id: 'attacker',
  context: ({ input }) => fresh(input.steps, input.speed ?? 1),
  initial: 'checking',
  on: {
    'attacker.load': { target: '.checking', actions: 'load' },
    'attacker.speed': { actions: 'setSpeed' },
  },
  states: {
    checking: {
      always: [{ guard: 'hasSteps', target: 'idle' }, { target: 'blocked' }],
    },
    idle: {
      on: {
        'attacker.play': 'playing',
        'attacker.step': [
          { guard: 'atLastStep', target: 'breach', actions: 'advance' },
          { target: 'paused', actions: 'advance' },
        ],
      },
    },
    playing: {
      tags: ['running'],
      // The first step is taken at once, then one per delay.
      entry: 'advance',
      always: { guard: 'finished', target: 'breach' },
      after: { stepDelay: { target: 'playing', reenter: true } },
      on: {
        'attacker.pause': 'paused',
        'attacker.back': [
          { guard: 'atFirstStep', target: 'idle', actions: 'rewind' },
          { target: 'paused', actions: 'back' },
        ],
        'attacker.restart': { target: 'idle', actions: 'rewind' },
      },
    },
    paused: {
      on: {
        'attacker.play': 'playing',
        'attacker.step': [
          { guard: 'atLastStep', target: 'breach', actions: 'advance' },
          { actions: 'advance' },
        ],
        'attacker.back': [
          { guard: 'atFirstStep', target: 'idle', actions: 'rewind' },
          { target: 'paused', actions: 'back' },
        ],
        'attacker.restart': { target: 'idle', actions: 'rewind' },
      },
    },
    breach: {
      tags: ['finished'],
      on: {
        'attacker.back': [
          { guard: 'atFirstStep', target: 'idle', actions: 'rewind' },
          { target: 'paused', actions: 'back' },
        ],
        'attacker.restart': { target: 'idle', actions: 'rewind' },
        'attacker.play': { target: 'playing', actions: 'rewind' },
      },
    },
    blocked: { tags: ['finished'] },
  },
});

export type AttackerMachine = typeof attackerMachine;
