import { isCondition } from './graph/facts';
import type { AttackGraph } from './graph/graph';
import { objectRef } from './manifests/document';
import { resolve } from './manifests/locate';
import type { ClusterModel } from './model/types';
import type { Finding } from './result';
import { techniqueById } from './techniques';

/**
 * What in the manifests helps an attacker today: every condition that holds and that a
 * technique relies on, with that technique's references; and every Pod Security
 * Standards check a pod breaks, so a learner sees which control each line violates.
 */
export function findings(graph: AttackGraph, model: ClusterModel): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of graph.rules) {
    if (rule.technique === '') continue;
    const technique = techniqueById.get(rule.technique);
    if (!technique) continue;
    for (const b of rule.body) {
      if (!isCondition(graph.facts[b]!)) continue;
      for (const at of graph.presentAt.get(b) ?? []) {
        const key = `${rule.technique}|${graph.facts[b]}|${at.object.doc.file}|${at.path.join('.')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          object: objectRef(at.object),
          technique: technique.id,
          message: technique.title,
          references: [...technique.references],
          location: resolve(at),
        });
      }
    }
  }
  for (const pod of model.pods) {
    for (const v of pod.pssViolations) {
      out.push({
        object: objectRef(pod.object),
        check: `pss:${v.level}/${v.check}`,
        message: v.message,
        references: [`pss:${v.level}/${v.check}`],
        location: resolve({ object: pod.object, path: [...pod.templatePath, ...v.path] }),
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      (a.technique ?? a.check ?? '').localeCompare(b.technique ?? b.check ?? ''),
  );
}
