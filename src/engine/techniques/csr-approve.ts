import { fact } from '../graph/facts';
import { request } from '../authz/requests';
import { kubeApiServerClientSigner } from '../model/csrSigning';
import type { Technique } from './technique';

const group = 'certificates.k8s.io';
const signer = 'kubernetes.io/kube-apiserver-client';

export const technique: Technique = {
  id: 'csr-approve',
  title: 'Approve a certificate signing request of its own',
  description:
    "A CertificateSigningRequest for the `kubernetes.io/kube-apiserver-client` signer names any user and groups in its subject. Whoever may create it, approve it (`update` on `certificatesigningrequests/approval` plus `approve` on that signer) and read it back gets a client certificate signed by the cluster's CA for, say, the group `system:masters`: cluster-admin for the life of the certificate, and no binding to delete. Only where a signer issues it: kubeadm's controller manager signs with the cluster CA; EKS signs no client certificates.",
  references: ['attack:T1649', 'attack:T1098', 'ms:MS-TA9019'],
  remediation:
    'Grant `approve` on signers and `certificatesigningrequests/approval` to nobody but the controllers that need it; never with `kubernetes.io/*` or for the kube-apiserver-client signer.',
  rules(ctx) {
    // Certificates are cluster-scoped; the CSR's name is the attacker's choice, so only rules
    // without resourceNames allow it. The signer is checked by its name, then by its domain
    // (plugin/pkg/admission/certificates/util.go), and the kube-apiserver-client signer signs
    // whatever subject is asked once approved: it checks usages only
    // (pkg/controller/certificates/signer/signer.go).
    // Approval mints nothing where no signer issues the certificate (model/csrSigning.ts).
    const clientSigner = kubeApiServerClientSigner(ctx.model);
    if (!clientSigner.signs) return;
    const create = ctx.can(request('create', 'certificatesigningrequests', { group }));
    const read = ctx.can(request('get', 'certificatesigningrequests', { group }));
    for (const name of [signer, 'kubernetes.io/*']) {
      const approveSigner = ctx.can(request('approve', 'signers', { group, name }));
      for (const verb of ['update', 'patch']) {
        const approval = ctx.can(request(verb, 'certificatesigningrequests/approval', { group }));
        ctx.rule([create, approval, approveSigner, read], fact.group('system:masters'), [
          clientSigner.at,
        ]);
      }
    }
  },
};
