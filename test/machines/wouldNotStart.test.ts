// A stage is never won with a control plane that would not start: `--anonymous-auth=fals`
// is not "anonymous auth off", it is an API server that exits (issue #15).

import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { analyze } from '../../src/engine';
import {
  createScenarioMachine,
  type AnalysisInput,
  type AnalysisOutcome,
} from '../../src/machines/scenarioMachine';
import { loadScenario, type Scenario } from '../../src/scenarios';
import { readScenarioFolder } from '../../src/scenarios/node';
import { fakeResult, twoStages } from './fixtures';

const dir = 'scenarios/01-worked-example';
const workedExample: Scenario = loadScenario(dir, readScenarioFolder(dir)).scenario!;

const engine = fromPromise<AnalysisOutcome, AnalysisInput>(async ({ input }) => ({
  status: 'done',
  result: analyze(input.files, input.options),
  inventory: [],
}));

function startStage(scenario: Scenario, analyse: typeof engine) {
  const machine = createScenarioMachine(scenario).provide({ actors: { analyse } });
  const actor = createActor(machine, { input: { scenario } });
  actor.start();
  actor.send({ type: 'scenario.start' });
  return actor;
}

type Actor = ReturnType<typeof startStage>;
const settle = (actor: Actor) => waitFor(actor, (s) => !s.hasTag('analysing'), { timeout: 30_000 });

function editApiServer(actor: Actor, from: string, to: string) {
  const file = actor.getSnapshot().context.files.find((f) => f.path === 'kube-apiserver.yaml')!;
  expect(file.text).toContain(from);
  actor.send({ type: 'editor.changed', path: file.path, text: file.text.replace(from, to) });
}

describe('a control plane that would not start', () => {
  it('--anonymous-auth=fals does not win the stage; --anonymous-auth=false does', async () => {
    const actor = startStage(workedExample, engine);
    await settle(actor);
    editApiServer(actor, '--anonymous-auth=true', '--anonymous-auth=fals');
    await waitFor(actor, (s) => s.hasTag('analysing'));
    await settle(actor);
    let snapshot = actor.getSnapshot();
    expect(snapshot.value).toEqual({ stage1: 'editing' });
    expect(snapshot.context.stale).toBe(true);
    const refusal = snapshot.context.result?.diagnostics.find((d) => d.code === 'would-not-start');
    expect(refusal?.message).toMatch(/kube-apiserver would not start/);
    expect(refusal?.file).toBe('kube-apiserver.yaml');

    editApiServer(actor, '--anonymous-auth=fals', '--anonymous-auth=false');
    await waitFor(actor, (s) => s.hasTag('analysing'));
    await settle(actor);
    snapshot = actor.getSnapshot();
    expect(snapshot.value).toEqual({ stage1: 'won' });
  }, 60_000);

  it('wins nothing whatever the MUT, even if the refusal were not an error', async () => {
    const refusing = fromPromise<AnalysisOutcome, AnalysisInput>(async ({ input }) => {
      const result = fakeResult(input.files);
      result.diagnostics.push({
        severity: 'warning',
        code: 'would-not-start',
        message: 'kube-apiserver would not start',
        file: 'a.yaml',
        line: 1,
        column: 1,
      });
      return { status: 'done', result, inventory: [] };
    });
    const actor = startStage(twoStages, refusing);
    await settle(actor);
    actor.send({ type: 'editor.changed', path: 'a.yaml', text: 'mut=2' });
    await waitFor(actor, (s) => s.hasTag('analysing'));
    await settle(actor);
    expect(actor.getSnapshot().value).toEqual({ stage1: 'editing' });
  });
});
