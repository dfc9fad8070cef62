import { fact, isCondition } from './graph/facts';
import type { AttackGraph } from './graph/graph';
import type { ClusterModel } from './model/types';
import { Closure, watchersOf } from './tolerance/closure';
import { uint8s } from './typedArrays';

/**
 * Which rules some identity of the model could use today: a finding names a line only when
 * a rule that needs it could fire for somebody (issue #21, item 6). Positions are assumed,
 * rights are not: the attacker is put everywhere a workload runs (code execution in every
 * workload's container (not the control plane's static pods), root on every node but the control plane, the API server and the pod network
 * within reach, every identity the input names: binding subjects, credentials, service
 * accounts), nothing is messed up, and what follows by today's conditions and bindings is
 * what can be used. A rule is usable when every capability of its body follows; the other
 * conditions of its body are the mess-ups' to make true, and do not count.
 *
 * So `automountServiceAccountToken: true` helps `patch-nodes` only where some identity may
 * patch nodes, while a privileged container or an Internet-facing Service is a finding
 * whoever reaches it.
 *
 * Nothing is used through full rights cluster-wide: whoever holds them may already do all a
 * technique would give, and since one identity of the input usually reaches them (that is
 * what the goal measures), counting them made every role that any binding grants short of
 * all (the aggregation controller's built-in `escalate` on every ClusterRole) a finding of
 * `rbac-escalate` on every binding.
 */
export function usableRules(graph: AttackGraph, model: ClusterModel): (rule: number) => boolean {
  const watchers = watchersOf(graph);
  const viaFullRights = uint8s(graph.rules.count, 1);
  const all = graph.idOf(fact.perm('admin', '*').key);
  if (all !== undefined)
    for (let j = watchers.start[all]!; j < watchers.start[all + 1]!; j++)
      viaFullRights[watchers.rules[j]!] = 0;
  const closure = new Closure(graph, watchers, viaFullRights);
  for (const f of graph.initial) closure.add(f);
  const free: string[] = [
    fact.at('internet').key,
    fact.at('corp').key,
    fact.apiReach.key,
    fact.clusterNetwork.key,
  ];
  for (const node of model.nodes)
    if (node !== model.controlPlaneNode) free.push(fact.root(node).key);
  for (const subject of model.subjects) free.push(fact.as(subject).key);
  for (const key of free) {
    const id = graph.idOf(key);
    if (id !== undefined) closure.add(id);
  }
  // Every workload's containers, not the control plane's static pods: code in the API
  // server holds its credentials, and would make every technique usable by somebody.
  for (const pod of model.pods) {
    if (pod.component) continue;
    for (const container of pod.containers) {
      const id = graph.idOf(fact.exec(pod, container).key);
      if (id !== undefined) closure.add(id);
    }
  }
  const { rules, facts } = graph;
  return (rule) => {
    if (viaFullRights[rule] === 0) return false;
    for (const b of rules.bodyOf(rule))
      if (!closure.holds[b] && !isCondition(facts[b]!)) return false;
    return true;
  };
}
