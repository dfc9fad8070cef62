import { fact } from '../graph/facts';
import { podCreation } from './podRequests';
import { serviceAccountNames } from './serviceAccounts';
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
    for (const { namespace, firstPart } of serviceAccountNames(ctx.model))
      ctx.rule([podCreation(ctx, namespace)], fact.serviceAccount(namespace, firstPart));
  },
};
