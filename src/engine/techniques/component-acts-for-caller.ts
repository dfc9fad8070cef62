import { request } from '../authz/requests';
import type { Behaviour, Trigger } from '../components/component';
import { recogniseComponents, type ComponentMatch } from '../components/recognise';
import { cond, fact, named, type Fact } from '../graph/facts';
import { selects } from '../model/network';
import type { Pod } from '../model/types';
import { podCreation } from './podRequests';
import type { Technique, TechniqueContext } from './technique';

export const technique: Technique = {
  id: 'component-acts-for-caller',
  title: 'Make a well-known component act for you with its own rights',
  description:
    'Some widely installed components act for whoever calls them with rights of their own: an ingress controller that runs the configuration an Ingress author writes, a dashboard that uses its own service account when nobody logs in, a GitOps controller that applies any Application, a CI controller that runs the pods a run names, a `kubectl proxy` listening on the pod network. Which release, flags and settings make them do so is in the component catalogue (src/engine/components/), with the advisories; whoever may trigger one (an API request, or a connection to its pod) gets code execution in it, its service account, or the pods it creates.',
  references: ['ms:MS-TA9005', 'attack:T1190', 'attack:T1210', 'attack:T1078.004'],
  remediation:
    'Upgrade the component past the advisories listed, turn off the setting that lets callers act (snippet annotations, skip-login, a non-loopback proxy address), and grant who may trigger it (create Ingresses, create Applications, reach its port) only to those already as powerful as the component.',
  rules(ctx) {
    for (const match of recogniseComponents(ctx.model)) {
      const { component, pod, container } = match;
      for (const { behaviour, at } of match.behaviours) {
        const acts = ctx.condition(
          named(`c:component:${component.id}/${behaviour.id}:${pod.id}#${container.name}`),
          true,
          at,
        );
        for (const { body, namespace } of triggers(ctx, match, behaviour.trigger)) {
          const heads = headsFor(ctx, match, behaviour.yields, namespace);
          for (const { head, extra } of heads)
            ctx.rule([...body, acts, ...extra], head, [at, match.at]);
        }
      }
    }
  },
};

/** What the caller gets: the facts, each with the conditions it needs besides the trigger. */
function headsFor(
  ctx: TechniqueContext,
  match: ComponentMatch,
  yields: Behaviour['yields'],
  namespace: string | undefined,
): { head: Fact; extra: Fact[] }[] {
  switch (yields) {
    case 'code-execution':
      return [{ head: fact.exec(match.pod, match.container), extra: [] }];
    case 'service-account':
      return serviceAccountHeads(ctx, match);
    case 'pod-creation':
      // The pods are created where the caller's request was made.
      return namespace === undefined ? [] : [{ head: podCreation(ctx, namespace), extra: [] }];
  }
}

/**
 * The component makes API requests for the caller with the token mounted in its pod, from
 * inside the cluster: the caller holds its service account and the API server's reach. (That
 * reach then serves any other credential the attacker holds too: over-approximated, on the
 * cautious side, as a dashboard or proxy that runs on the pod network usually also lets one
 * exec into a pod of its own rights.)
 */
function serviceAccountHeads(
  ctx: TechniqueContext,
  { pod }: ComponentMatch,
): { head: Fact; extra: Fact[] }[] {
  const mounted = ctx.condition(
    cond.automount(pod),
    pod.automountToken.value,
    pod.automountToken.at,
  );
  return [
    { head: fact.serviceAccount(pod.namespace, pod.serviceAccount), extra: [mounted] },
    { head: fact.apiReach, extra: [mounted] },
  ];
}

/**
 * The ways to trigger the behaviour: each a set of facts that together do, and for a request
 * the namespace it is made in.
 */
function triggers(
  ctx: TechniqueContext,
  match: ComponentMatch,
  trigger: Trigger,
): { body: Fact[]; namespace?: string }[] {
  if (trigger.kind === 'network')
    return trigger.from === 'anywhere'
      ? [{ body: [fact.podReach(match.pod)] }]
      : internalReach(ctx, match.pod).map((body) => ({ body }));
  const out: { body: Fact[]; namespace: string }[] = [];
  for (const namespace of requestNamespaces(ctx, match, trigger))
    for (const resource of trigger.resources)
      for (const verb of trigger.verbs)
        out.push({
          body: [ctx.can(request(verb, resource, { group: trigger.group, namespace }))],
          namespace,
        });
  return out;
}

/** The namespaces in which a request makes the component act. */
function requestNamespaces(
  ctx: TechniqueContext,
  match: ComponentMatch,
  trigger: Extract<Trigger, { kind: 'request' }>,
): readonly string[] {
  if (trigger.namespaces === 'own') return [match.pod.namespace];
  if (trigger.namespaces === 'watched' && match.watched !== 'all') return match.watched;
  return ctx.namespaces();
}

/**
 * Reaching a pod from inside the cluster only (a port no Service exposes outside, such as an
 * admission webhook's): from the pod network while no NetworkPolicy closes the pod's ingress,
 * else through the ingress rules of the policies that select it (`pod-network-lateral` derives
 * each rule's traffic). The Internet's reach through a LoadBalancer or Ingress does not count.
 */
function internalReach(ctx: TechniqueContext, pod: Pod): Fact[][] {
  // Open while no policy selects the pod for ingress (or once they are removed).
  const out: Fact[][] = [[fact.clusterNetwork, cond.ingressOpen(pod)]];
  for (const policy of ctx.model.networkPolicies) {
    if (policy.namespace !== pod.namespace || !policy.ingress || !selects(policy, pod)) continue;
    policy.ingress.forEach((_, i) => out.push([fact.allowedBy(policy.id, i)]));
  }
  return out;
}
