import { cond, fact } from '../graph/facts';
import { request } from '../authz/requests';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'admission-webhook-control',
  title: 'Rewrite pods at admission with a mutating webhook',
  description:
    "Whoever may create or change a MutatingWebhookConfiguration sends every new pod to a server of their choosing (any HTTPS URL) and returns it changed: another image for its containers, a privileged container, a host mount. Controllers recreate their pods sooner or later (rollouts, node drains, CronJobs), so each of them ends up running the attacker's code with its service account; Pod Security Admission still checks the changed pod after the webhook.",
  references: ['attack:T1546', 'attack:T1610', 'ms:MS-TA9018'],
  remediation:
    'Grant write access to mutatingwebhookconfigurations only to the operators that own webhooks, and audit changes to them.',
  rules(ctx) {
    // Webhook configurations are cluster-scoped; a new one has a name of the attacker's choice.
    const control = ['create', 'patch', 'update'].map((verb) =>
      ctx.can(request(verb, 'mutatingwebhookconfigurations')),
    );
    // Changing an existing one (its URL, its rules) is as good, and a request to do so carries
    // its name: a rule limited by `resourceNames` to it allows that (cert-manager's cainjector,
    // for one, may patch the webhook configurations it injects CA bundles into).
    for (const o of ctx.model.objects)
      if (
        o.kind === 'MutatingWebhookConfiguration' &&
        o.apiVersion.startsWith('admissionregistration.k8s.io/')
      )
        for (const verb of ['patch', 'update'])
          control.push(ctx.can(request(verb, 'mutatingwebhookconfigurations', { name: o.name })));
    // Root on a node, once per node and namespace: its pods ask the same.
    const rooted = new Set<string>();
    for (const pod of ctx.model.pods) {
      // A bare Pod is never created again; a controller's pods are.
      if (pod.kind === 'Pod') continue;
      const where = `${pod.node}\0${pod.namespace}`;
      const root = !rooted.has(where);
      rooted.add(where);
      const info = ctx.model.namespaces.get(pod.namespace);
      // Validating admission (Pod Security included) runs after mutating webhooks
      // (staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/mutating/dispatcher.go).
      const allows = ctx.condition(
        cond.psaAllowsPrivileged(pod.namespace),
        info?.enforce.value === 'privileged' || info === undefined,
        info?.enforce.at,
      );
      for (const webhook of control) {
        for (const c of pod.containers) ctx.rule([webhook], fact.exec(pod, c));
        if (root) ctx.rule([webhook, allows], fact.root(pod.node), [info?.enforce.at]);
      }
    }
  },
};
