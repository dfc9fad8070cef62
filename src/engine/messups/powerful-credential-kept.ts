import { cond } from '../graph/facts';
import { credentialNamespaces } from '../model/secrets';
import type { MessUpTemplate } from './template';

interface Kept {
  namespace: string;
  /** Secrets of the input whose credential is of unknown power, with what each holds. */
  shown: string[];
}

export const template: MessUpTemplate<Kept> = {
  id: 'powerful-credential-kept',
  category: 'assumption',
  title: 'A powerful credential is kept in a Secret',
  description:
    'Someone stores a credential that gives full control of the cluster in a Secret: a cluster-admin kubeconfig for a CI job, a cloud key of the account that runs the cluster, an Argo CD cluster credential. Manifests rarely show these Secrets, and where they do, they cannot say how powerful the credential is.',
  references: ['attack:T1552.007', 'cis:5.1.2', 'cis:5.4.2'],
  describe: ({ namespace, shown }) =>
    shown.length === 0
      ? `A credential with full control of the cluster is kept in a Secret of namespace ${namespace}`
      : `A credential with full control of the cluster is kept in a Secret of namespace ${namespace} (${shown.join(', ')})`,
  generate(ctx) {
    for (const namespace of credentialNamespaces(ctx.model)) {
      const kept = cond.powerfulCredential(namespace);
      if (!ctx.isDefended(kept)) continue;
      const shown: string[] = [];
      for (const [key, s] of ctx.model.secrets)
        if (s.credential?.kind === 'unknown-holder' && key.startsWith(`${namespace}/`))
          shown.push(`Secret ${key} holds ${s.credential.what}`);
      ctx.candidate({ target: namespace, about: { namespace, shown }, provides: [kept] });
    }
  },
};
