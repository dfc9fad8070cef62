import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'api-server-public-endpoint',
  title: 'Reach the API server from the Internet',
  description:
    'The Kubernetes API server is the front door of the cluster. When its endpoint is public, anyone on the Internet can send it requests; what they can then do depends only on authentication and authorisation, so every mistake there is exploitable at once.',
  references: ['attack:T1133', 'ms:MS-TA9005', 'cis:5.4.1'],
  remediation:
    'Make the endpoint private (eksctl `publicAccess: false`, GKE `enablePrivateEndpoint: true`, or bind the API server to a private address) and reach it through a VPN or bastion.',
  rules(ctx) {
    const s = ctx.model.apiServer.publicEndpoint;
    ctx.rule([fact.at('internet'), ctx.condition(cond.apiPublic, s.value, s.at)], fact.apiReach, [
      s.at,
    ]);
  },
};
