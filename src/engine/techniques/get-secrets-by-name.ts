import type { Technique } from './technique';
import { secretRules } from './list-secrets';

export const technique: Technique = {
  id: 'get-secrets-by-name',
  title: 'Read secrets whose names can be guessed',
  description:
    '`get` on secrets without `resourceNames` reads any secret whose name the attacker knows or guesses, and service-account token secrets have predictable names.',
  references: ['kubehound:TOKEN_BRUTEFORCE', 'ms:MS-TA9025', 'attack:T1552.007', 'cis:5.1.2'],
  remediation: 'Restrict `get` on secrets with `resourceNames` to the secrets a workload needs.',
  rules(ctx) {
    secretRules(ctx, 'get-secrets');
  },
};
