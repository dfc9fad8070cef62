// Requests about pods that several techniques share.

import { request } from '../authz/requests';
import { get, getIn, str } from '../manifests/access';
import type { Pod } from '../model/types';
import { fact, type Fact } from '../graph/facts';
import type { TechniqueContext } from './technique';

/**
 * The name a request about the running pod carries: a Pod's own name, the first replica
 * of a StatefulSet (`<name>-0`); '' where the name is generated (a Deployment's pods), so
 * only rules without `resourceNames` can allow it, as in a real cluster.
 */
export function podName(pod: Pod): string {
  if (pod.kind === 'Pod') return pod.name;
  if (pod.kind === 'StatefulSet') return `${pod.name}-0`;
  return '';
}

/** Kinds whose pod template a user changes by creating, or patching, the object. */
const controllers: [kind: string, resource: string][] = [
  ['Deployment', 'deployments'],
  ['DaemonSet', 'daemonsets'],
  ['StatefulSet', 'statefulsets'],
  ['ReplicaSet', 'replicasets'],
  ['ReplicationController', 'replicationcontrollers'],
  ['Job', 'jobs'],
  ['CronJob', 'cronjobs'],
];

interface Memo {
  facts: Map<string, Fact>;
  /** Controllers of each namespace whose template can be changed, with their resource. */
  controllers: Map<string, [name: string, resource: string][]>;
}

const memos = new WeakMap<object, Memo>();

function memoOf(ctx: TechniqueContext): Memo {
  let memo = memos.get(ctx.authorization);
  if (memo) return memo;
  memo = { facts: new Map(), controllers: new Map() };
  for (const o of ctx.model.objects) {
    // A Job's template cannot be changed once created.
    if (o.kind === 'Job') continue;
    const resource = controllers.find(([kind]) => kind === o.kind)?.[1];
    if (!resource) continue;
    const ns = o.namespace ?? 'default';
    const list = memo.controllers.get(ns);
    if (list) list.push([o.name, resource]);
    else memo.controllers.set(ns, [[o.name, resource]]);
  }
  memos.set(ctx.authorization, memo);
  return memo;
}

/**
 * "The attacker may have a pod of its choosing created in namespace `ns`": creating a Pod,
 * or creating any controller (its template is the pod), or changing the template of one
 * that exists (`patch`/`update` by its name; a Job's template cannot be changed).
 */
export function podCreation(ctx: TechniqueContext, ns: string): Fact {
  const memo = memoOf(ctx);
  let f = memo.facts.get(ns);
  if (f) return f;
  f = fact.perm('create-pods', ns);
  memo.facts.set(ns, f);
  ctx.rule([ctx.can(request('create', 'pods', { namespace: ns }))], f);
  for (const [, resource] of controllers)
    ctx.rule([ctx.can(request('create', resource, { namespace: ns }))], f);
  for (const [name, resource] of memo.controllers.get(ns) ?? [])
    for (const verb of ['patch', 'update'])
      ctx.rule([ctx.can(request(verb, resource, { namespace: ns, name }))], f);
  return f;
}

/** A pod pinned to its node (`nodeName`) or run by no controller is never rescheduled. */
export function reschedulable(pod: Pod): boolean {
  if (pod.kind === 'Pod' || pod.kind === 'DaemonSet') return false;
  const spec = getIn(pod.object.raw, [...pod.templatePath, 'spec']);
  return str(get(spec, 'nodeName')) === undefined;
}
