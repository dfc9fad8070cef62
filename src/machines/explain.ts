// Plain-language sentences about a change of MUT, built only from the engine's results
// (which steps and mess-ups the cheapest attack uses before and after), never from
// scenario-specific text.
import type { AnalysisResult, GoalResult, StepView } from '../engine';
import type { StageTarget } from './scenarioTypes';
import { stageMut } from './scenarioTypes';

/** The goal whose MUT counts for the target (the lowest one when no goal is named). */
export function goalFor(result: AnalysisResult | null, target: StageTarget): GoalResult | null {
  if (!result) return null;
  const goals = target.goal ? result.goals.filter((g) => g.goal === target.goal) : result.goals;
  let best: GoalResult | null = null;
  for (const goal of goals) {
    if (!best) best = goal;
    else if (goal.mut !== null && (best.mut === null || goal.mut < best.mut)) best = goal;
  }
  return best;
}

export function mistakes(n: number): string {
  return n === 1 ? '1 mistake' : `${n} mistakes`;
}

const stepKey = (step: StepView) => `${step.technique}|${step.fromFact}|${step.toFact}`;

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Why the MUT is what it is now, compared with the previous good analysis. */
export function explainChange(
  previous: AnalysisResult | null,
  next: AnalysisResult,
  target: StageTarget,
): string {
  const after = goalFor(next, target);
  const mutAfter = stageMut(next, target);
  if (!after) return 'This cluster has no goal to analyse.';
  const witnessAfter = after.witness;
  const needs = (m: number) =>
    m === 0
      ? 'the attacker gets in today, with no mistake at all'
      : `the cheapest way in now needs ${mistakes(m)} at once`;
  const newMessUps = (witnessAfter?.messUps ?? []).map((m) => lowerFirst(m.title));
  const tail =
    mutAfter === null || mutAfter === 0 || newMessUps.length === 0
      ? ''
      : `: ${joinAnd(newMessUps)}`;
  if (!previous) {
    if (mutAfter === null)
      return 'No set of mistakes in this model lets the attacker reach the goal.';
    return `${capitalise(needs(mutAfter))}${tail}.`;
  }
  const before = goalFor(previous, target);
  const mutBefore = stageMut(previous, target);
  if (mutAfter === null) {
    return 'No set of mistakes in this model lets the attacker reach the goal any more.';
  }
  const stepsBefore = before?.witness?.steps ?? [];
  const stepsAfter = new Map((witnessAfter?.steps ?? []).map((s) => [stepKey(s), s]));
  const raised = mutBefore !== null && mutAfter > mutBefore;
  const lowered = mutBefore === null || mutAfter < mutBefore;
  if (raised) {
    // Steps that were free before and now need a mistake, or are gone: the closed doors.
    const closed = stepsBefore.filter((s) => {
      if (s.messUps.length > 0) return false;
      const now = stepsAfter.get(stepKey(s));
      return !now || now.messUps.length > 0;
    });
    const lead = closed.length
      ? `Closed: ${joinAnd(closed.map((s) => `“${s.title}”`))}`
      : 'A defence holds';
    return `${lead}; ${needs(mutAfter)}${tail}.`;
  }
  if (lowered) {
    const beforeKeys = new Map(stepsBefore.map((s) => [stepKey(s), s]));
    const opened = [...stepsAfter.values()].filter((s) => {
      if (s.messUps.length > 0) return false;
      const then = beforeKeys.get(stepKey(s));
      return !then || then.messUps.length > 0;
    });
    const lead = opened.length
      ? `Opened: ${joinAnd(opened.map((s) => `“${s.title}”`))}`
      : 'A defence was lost';
    return `${lead}; ${needs(mutAfter)}${tail}.`;
  }
  return `${capitalise(needs(mutAfter))}${tail}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
