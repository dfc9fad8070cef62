import { fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'impersonate',
  title: 'Impersonate another user or group',
  description:
    'The `impersonate` verb on users, groups or service accounts lets a request say "act as someone else" (`kubectl --as`). Impersonating the group `system:masters` is cluster-admin.',
  references: ['kubehound:IDENTITY_IMPERSONATE', 'attack:T1134', 'cis:5.1.8'],
  remediation:
    'Do not grant `impersonate`; where a proxy needs it, restrict it with resourceNames.',
  rules(ctx) {
    ctx.rule([fact.perm('impersonate', '*')], fact.group('system:masters'));
    for (const subject of ctx.model.subjects)
      ctx.rule([fact.perm('impersonate', '*')], fact.as(subject));
  },
};
