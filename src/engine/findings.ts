import { isCondition } from './graph/facts';
import type { AttackGraph } from './graph/graph';
import { objectRef } from './manifests/document';
import { resolve } from './manifests/locate';
import type { ClusterModel } from './model/types';
import type { Finding } from './result';
import { techniqueById } from './techniques';
import { uint8s } from './typedArrays';

/**
 * What in the manifests helps an attacker today: every condition that holds and that a
 * technique relies on, with that technique's references; and every Pod Security
 * Standards check a pod breaks, so a learner sees which control each line violates.
 */
export function findings(graph: AttackGraph, model: ClusterModel): Finding[] {
  const out: Finding[] = [];
  // Thousands of rules share a few hundred (technique, condition) pairs: each pair once.
  const pairs = new Map<string, Set<number>>();
  const { rules } = graph;
  const written = uint8s(graph.facts.length);
  for (const f of graph.presentAt.keys()) written[f] = 1;
  for (let r = 0; r < rules.count; r++) {
    const technique = rules.techniqueOf(r);
    if (technique === '') continue;
    for (let j = rules.bodyStart[r]!; j < rules.bodyStart[r + 1]!; j++) {
      const b = rules.body[j]!;
      if (!written[b]) continue;
      let facts = pairs.get(technique);
      if (!facts) pairs.set(technique, (facts = new Set()));
      facts.add(b);
    }
  }
  for (const [id, facts] of pairs) {
    const technique = techniqueById.get(id);
    if (!technique) continue;
    const seen = new Set<string>();
    for (const b of facts) {
      if (!isCondition(graph.facts[b]!)) continue;
      for (const at of graph.presentAt.get(b)!) {
        const location = resolve(at);
        const key = `${location.file}:${location.line}:${location.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          object: objectRef(at.object),
          technique: technique.id,
          message: technique.title,
          references: [...technique.references],
          location,
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
      compare(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compare(a.technique ?? a.check ?? '', b.technique ?? b.check ?? ''),
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
