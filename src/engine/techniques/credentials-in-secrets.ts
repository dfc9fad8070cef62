import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'credentials-in-secrets',
  title: 'Use a credential kept in a Secret',
  description:
    "Whoever reads a Secret that holds a credential holds its owner's power: a service-account token Secret is that service account; a bootstrap token in kube-system is the user `system:bootstrap:<id>` in `system:bootstrappers` and its extra groups; a Helm release Secret carries the release's rendered manifests, with every Secret of the chart in them. However the Secret is read (listed, fetched by name, mounted into a container, or taken from a node), the credential goes with it.",
  references: ['attack:T1552.007', 'attack:T1528', 'kubehound:IDENTITY_ASSUME', 'ms:MS-TA9025'],
  remediation:
    "Prefer short-lived tokens (the TokenRequest API) to token Secrets, delete bootstrap tokens once nodes have joined, keep Helm release Secrets out of reach of anyone who may not read the chart's Secrets, and grant read access to Secrets by name only.",
  rules(ctx) {
    for (const [key, secret] of ctx.model.secrets) {
      const c = secret.credential;
      if (!c) continue;
      const ns = key.slice(0, key.indexOf('/'));
      const read = fact.secret(key);
      const at = [{ object: secret.object, path: [] }];
      switch (c.kind) {
        case 'service-account-token':
          ctx.rule([read], fact.serviceAccount(ns, c.serviceAccount), at);
          break;
        case 'bootstrap-token':
          // The authenticator gives the user its groups; none of them is an RBAC subject
          // the user key alone implies, so they are granted beside it.
          ctx.rule([read], fact.as(`user:${c.user}`), at);
          for (const g of c.groups) ctx.rule([read], fact.group(g), at);
          break;
        case 'helm-release':
          for (const inside of c.contains) ctx.rule([read], fact.secret(inside), at);
          break;
        case 'unknown-holder':
          // Whose power it is the manifests cannot say: powerful-credential-in-secret.
          break;
      }
    }
  },
};
