import { isCondition } from './graph/facts';
import type { AttackGraph } from './graph/graph';
import { objectRef } from './manifests/document';
import { locate, resolve } from './manifests/locate';
import type { ClusterModel } from './model/types';
import type { Finding } from './result';
import { rbacFindings } from './rbacChecks';
import { techniqueById } from './techniques';
import { watchersOf } from './tolerance/closure';
import { usableRules } from './usableRules';

/**
 * What in the manifests helps an attacker today: every condition that holds and that a
 * technique relies on, in a rule some identity of the model could use (usableRules.ts),
 * with that technique's references; every grant a benchmark names (rbacChecks.ts); and
 * every Pod Security Standards check a pod breaks, so a learner sees which control each
 * line violates.
 */
export function findings(graph: AttackGraph, model: ClusterModel): Finding[] {
  const out: Finding[] = [];
  const { rules, facts, presentAt } = graph;
  const watchers = watchersOf(graph);
  const usable = usableRules(graph, model);
  // From each condition that holds to the techniques whose rules need it: thousands of
  // rules share a few hundred (technique, condition) pairs, so each pair once.
  const pairs = new Map<string, number[]>();
  for (const b of presentAt.keys()) {
    if (!isCondition(facts[b]!)) continue;
    let last = '';
    for (let j = watchers.start[b]!; j < watchers.start[b + 1]!; j++) {
      const rule = watchers.rules[j]!;
      const technique = rules.techniqueOf(rule);
      if (technique === '' || technique === last || !usable(rule)) continue;
      last = technique;
      const conditions = pairs.get(technique);
      if (!conditions) pairs.set(technique, [b]);
      else if (conditions.at(-1) !== b) conditions.push(b);
    }
  }
  for (const [id, conditions] of pairs) {
    const technique = techniqueById.get(id);
    if (!technique) continue;
    const seen = new Set<string>();
    for (const b of conditions) {
      for (const at of presentAt.get(b)!) {
        const location = resolve(at);
        const key = `${location.file}:${location.line}:${location.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          object: objectRef(at.object),
          technique: technique.id,
          message: technique.title,
          references: technique.references,
          location,
        });
      }
    }
  }
  for (const f of rbacFindings(model)) out.push(f);
  for (const pod of model.pods) {
    if (pod.pssViolations.length === 0) continue;
    const object = objectRef(pod.object);
    for (const v of pod.pssViolations) {
      const check = pssCheck(v.level, v.check);
      out.push({
        object,
        check: check.id,
        message: v.message,
        references: check.references,
        location: locate(pod.object, pod.templatePath, v.path),
      });
    }
  }
  return out.sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compare(a.technique ?? a.check ?? '', b.technique ?? b.check ?? ''),
  );
}

/**
 * A Pod Security Standards check as findings name it; one entry per check, shared, found by
 * the check's id (unique across levels) without building the reference.
 */
const pssChecks = new Map<string, { id: string; references: readonly string[] }>();

function pssCheck(level: string, check: string): { id: string; references: readonly string[] } {
  let found = pssChecks.get(check);
  if (!found) {
    const id = `pss:${level}/${check}`;
    pssChecks.set(check, (found = { id, references: Object.freeze([id]) }));
  }
  return found;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
