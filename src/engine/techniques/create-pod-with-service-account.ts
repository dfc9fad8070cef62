import { fact } from '../graph/facts';
import { podCreation } from './podRequests';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'create-pod-with-service-account',
  title: "Create a pod that mounts another service account's token",
  description:
    'A pod may name any service account of its namespace. Whoever can create pods there can run one as the most powerful service account in the namespace and read its token, even where Pod Security Admission forbids privileged pods.',
  references: ['kubehound:POD_CREATE', 'kubehound:IDENTITY_ASSUME', 'attack:T1610', 'attack:T1528'],
  remediation:
    'Grant `create pods` only where every service account of the namespace is as weak as the creator.',
  rules(ctx) {
    for (const key of ctx.model.serviceAccounts.keys()) {
      const [ns, name] = key.split('/') as [string, string];
      ctx.rule([podCreation(ctx, ns)], fact.serviceAccount(ns, name));
    }
  },
};
