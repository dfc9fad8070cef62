import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, getNextSnapshot } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { attackerMachine, baseStepMs, type AttackStep } from '../../src/machines/attackerMachine';

const steps: AttackStep[] = [
  {
    title: 'Use a leaked kubeconfig',
    from: '',
    to: 'group developers',
    fromFact: '',
    toFact: 'as:group:developers',
    messUps: [{ id: 'leak', title: 'A kubeconfig leaks' }],
  },
  {
    title: 'Reach the API server',
    from: 'the Internet',
    to: 'the API server',
    fromFact: 'at:internet',
    toFact: 'reach:api',
    messUps: [{ id: 'public', title: 'The endpoint is made public' }],
  },
  {
    title: 'Use RBAC rights',
    from: 'group developers',
    to: 'full rights',
    fromFact: 'as:group:developers',
    toFact: 'perm:admin:*',
    messUps: [
      { id: 'bind', title: 'cluster-admin is bound' },
      { id: 'leak', title: 'A kubeconfig leaks' },
    ],
  },
  {
    title: 'Hold cluster-admin',
    from: 'full rights',
    to: 'the goal',
    fromFact: 'perm:admin:*',
    toFact: 'goal:cluster-admin',
    messUps: [],
  },
];

describe('attackerMachine', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('plays the witness on a timer, counting each mistake once, and ends in a breach', () => {
    const actor = createActor(attackerMachine, { input: { steps } }).start();
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.totalMistakes).toBe(3);
    actor.send({ type: 'attacker.play' });
    expect(actor.getSnapshot().context.index).toBe(0);
    expect(actor.getSnapshot().context.mistake).toMatchObject({ n: 1, of: 3 });
    vi.advanceTimersByTime(baseStepMs);
    expect(actor.getSnapshot().context.mistake).toMatchObject({
      n: 2,
      of: 3,
      title: 'The endpoint is made public',
    });
    vi.advanceTimersByTime(baseStepMs);
    expect(actor.getSnapshot().context.mistake).toMatchObject({
      n: 3,
      of: 3,
      title: 'cluster-admin is bound',
    });
    vi.advanceTimersByTime(baseStepMs);
    expect(actor.getSnapshot().value).toBe('breach');
    expect(actor.getSnapshot().context.index).toBe(3);
    // Plain JSON: a presenter view or share link can carry it.
    expect(JSON.parse(JSON.stringify(actor.getSnapshot().context))).toEqual(
      actor.getSnapshot().context,
    );
  });

  it('pauses, steps, changes speed and restarts', () => {
    const actor = createActor(attackerMachine, { input: { steps } }).start();
    actor.send({ type: 'attacker.speed', speed: 2 });
    actor.send({ type: 'attacker.play' });
    vi.advanceTimersByTime(baseStepMs / 2);
    expect(actor.getSnapshot().context.index).toBe(1);
    actor.send({ type: 'attacker.pause' });
    vi.advanceTimersByTime(baseStepMs * 10);
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.index).toBe(1);
    actor.send({ type: 'attacker.step' });
    expect(actor.getSnapshot().context.index).toBe(2);
    actor.send({ type: 'attacker.step' });
    expect(actor.getSnapshot().value).toBe('breach');
    actor.send({ type: 'attacker.restart' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context).toMatchObject({
      index: -1,
      seen: [],
      mistake: null,
      speed: 2,
    });
  });

  it('steps back one step at a time, counting only the mistakes met before it', () => {
    const actor = createActor(attackerMachine, { input: { steps } }).start();
    actor.send({ type: 'attacker.step' });
    actor.send({ type: 'attacker.step' });
    actor.send({ type: 'attacker.step' });
    actor.send({ type: 'attacker.step' });
    expect(actor.getSnapshot().value).toBe('breach');
    actor.send({ type: 'attacker.back' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context).toMatchObject({
      index: 2,
      seen: ['leak', 'public', 'bind'],
    });
    actor.send({ type: 'attacker.back' });
    expect(actor.getSnapshot().context).toMatchObject({
      index: 1,
      seen: ['leak', 'public'],
      mistake: { n: 2, of: 3, title: 'The endpoint is made public' },
    });
    actor.send({ type: 'attacker.back' });
    actor.send({ type: 'attacker.back' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context).toMatchObject({ index: -1, seen: [], mistake: null });
  });

  it('is blocked when there is no witness, and reloads with a new one', () => {
    const snapshot = getNextSnapshot(
      attackerMachine,
      createActor(attackerMachine, { input: { steps: null } }).getSnapshot(),
      { type: 'attacker.play' },
    );
    expect(snapshot.value).toBe('blocked');
    const actor = createActor(attackerMachine, { input: { steps: [] } }).start();
    expect(actor.getSnapshot().value).toBe('blocked');
    actor.send({ type: 'attacker.load', steps });
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('reaches every state (xstate/graph shortest and simple paths)', () => {
    const events = [
      { type: 'attacker.play' },
      { type: 'attacker.pause' },
      { type: 'attacker.step' },
      { type: 'attacker.restart' },
      { type: 'attacker.speed', speed: 2 },
      { type: 'attacker.load', steps: null },
      { type: 'attacker.load', steps },
    ] as const;
    const serializeState = (s: { value: unknown; context: { index: number; steps: unknown[] } }) =>
      `${JSON.stringify(s.value)}:${s.context.index}:${s.context.steps.length}`;
    const shortest = getShortestPaths(attackerMachine, {
      input: { steps },
      events: [...events],
      serializeState,
    });
    const reached = new Set(shortest.map((p) => p.state.value));
    for (const state of ['idle', 'playing', 'paused', 'breach', 'blocked'])
      expect(reached).toContain(state);
    const simple = getSimplePaths(attackerMachine, {
      input: { steps },
      events: [...events],
      serializeState,
    });
    expect(
      simple.some(
        (p) => p.state.value === 'breach' && p.steps.some((s) => s.event.type === 'attacker.pause'),
      ),
    ).toBe(true);
  });
});
