import { cond } from '../graph/facts';
import { describeSubject } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate<string> = {
  id: 'bind-cluster-admin',
  category: 'misconfiguration',
  title: 'An RBAC binding over-grants a subject',
  description:
    'Someone applies a ClusterRoleBinding that gives a user, group or service account far more than it needs (often cluster-admin, "just to get it working"). It happens in real clusters: bindings to system:anonymous and system:authenticated have been found on the open Internet.',
  references: ['ms:MS-TA9019', 'cis:5.1.1'],
  describe: (subject) => `Someone binds cluster-admin to ${describeSubject(subject)}`,
  generate(ctx) {
    const subjects = new Set(ctx.model.subjects);
    for (const s of [
      'group:system:unauthenticated',
      'user:system:anonymous',
      'group:system:authenticated',
    ])
      subjects.add(s);
    for (const subject of [...subjects].sort()) {
      const granted = cond.grant(subject, 'admin', '*');
      if (!ctx.isDefended(granted)) continue;
      ctx.candidate({
        target: subject,
        about: subject,
        provides: [granted],
      });
    }
  },
};
