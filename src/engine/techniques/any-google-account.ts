import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'any-google-account',
  title: 'Sign in to GKE with any Google account',
  description:
    "GKE puts every caller signed in with a Google account, any Gmail address included, into the group `system:authenticated`. Anyone can create one, so on GKE a binding to `system:authenticated` grants its rights to the whole Internet, like a binding to `system:unauthenticated` elsewhere. Read from the `gke` baseline's `authenticatedIsPublic`.",
  references: ['attack:T1078.004', 'ms:MS-TA9019', 'cis:5.1.1'],
  remediation:
    'Bind nothing but the default discovery roles to `system:authenticated` on GKE (CIS GKE 4.1.10); bind Google Groups or named users instead, and make the endpoint private.',
  rules(ctx) {
    if (!ctx.model.threat.baseline.settings.authenticatedIsPublic) return;
    // A user no binding names: what the group system:authenticated holds is all it has.
    ctx.rule([fact.apiReach], fact.as('user:any-google-account'));
  },
};
