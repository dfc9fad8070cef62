import type { Reference } from '../types';

/**
 * The steps of an attack the API server takes for the attacker: no request, no technique, yet
 * the attack holds something new afterwards. The graph grounds them as bookkeeping rules
 * (src/engine/graph/buildGraph.ts, authorization.ts); the witness shows them as steps of these
 * kinds, so a path read step by step (the transcript, the map, the attacker's walk) never starts
 * from something no earlier step reached: a token's service account "becomes" the group
 * `system:authenticated` that AlwaysAllow or a binding names, full rights cluster-wide become
 * full rights in the namespace whose Secret is read.
 */
export interface LinkStep {
  id: string;
  title: string;
  description: string;
  references: readonly Reference[];
  /** Whether the link derives `head` from `from` (fact keys, src/engine/graph/facts.ts). */
  links(head: string, from: string): boolean;
}

export const linkSteps: readonly LinkStep[] = [
  {
    id: 'group-membership',
    title: 'Belong to a group',
    description:
      "The API server's authenticators put every identity they accept into groups: every signed-in identity into `system:authenticated`, a service account also into `system:serviceaccounts` and `system:serviceaccounts:<namespace>`, a client certificate into its organisations. A binding or authorizer that names a group grants each member.",
    references: ['attack:T1078', 'attack:T1069'],
    links: (head, from) => head.startsWith('as:group:') && from.startsWith('as:'),
  },
  {
    id: 'authenticated-identity',
    title: 'Count as an authenticated identity',
    description:
      'Whichever identity a credential names, the API server sees an authenticated request: an authorizer that allows every authenticated request (AlwaysAllow) allows this one too.',
    references: ['attack:T1078'],
    links: (head, from) => head === 'as:*' && from.startsWith('as:'),
  },
  {
    id: 'wider-rights',
    title: 'Use rights that include this one',
    description:
      'Rights granted cluster-wide hold in every namespace, and full rights (a `*` rule on every resource) include every single right: the authorizer allows the request whatever narrower rule is missing.',
    references: ['attack:T1078', 'cis:5.1.3'],
    links: (head, from) =>
      (head.startsWith('perm:') || head.startsWith('can:')) && from.startsWith('perm:'),
  },
  {
    id: 'bound-role',
    title: 'Use the rights of a role bound',
    description:
      'A binding the attacker writes grants the role it names to the subjects it names: from then on, each rule of that role is a right the attacker holds.',
    references: ['attack:T1098', 'cis:5.1.8'],
    links: (head, from) => head.startsWith('can:') && from.startsWith('bindable:'),
  },
];

/** The kind of a bookkeeping rule from `from` to `head`, when the witness shows it as a step. */
export function linkStepOf(head: string, from: string): LinkStep | undefined {
  return linkSteps.find((l) => l.links(head, from));
}
