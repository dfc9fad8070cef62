import { ref, type SourceRef } from '../manifests/locate';
import { findComponent } from './controlPlane';
import type { ClusterModel } from './types';

// Whether anything signs an approved CSR for `kubernetes.io/kube-apiserver-client`: approving
// one mints an API credential only where a signer issues it.

export interface ClientSigner {
  /** The approved request is signed: a client certificate the API server accepts. */
  signs: boolean;
  /** Where the input says so (the controller manager's command, or the eksctl ClusterConfig). */
  at?: SourceRef;
}

/**
 * kube-controller-manager runs its CSR signing controller only when it is given the cluster
 * CA (`--cluster-signing-cert-file` and `--cluster-signing-key-file`) or a signer's own files
 * (`--cluster-signing-kube-apiserver-client-cert-file`/`-key-file`); otherwise it logs
 * "Skipping CSR signer controller because no csr cert/key was specified"
 * (cmd/kube-controller-manager/app/certificates.go). kubeadm passes the cluster CA. EKS's CA
 * signs only its own `beta.eks.amazonaws.com/app-serving` signer and no client certificates
 * (EKS user guide, "Secure workloads with Kubernetes certificates"), so a kube-apiserver-client
 * CSR there stays approved and unissued.
 */
export function kubeApiServerClientSigner(model: ClusterModel): ClientSigner {
  const eksctl = model.objects.find(
    (o) => o.kind === 'ClusterConfig' && o.apiVersion.startsWith('eksctl.io/'),
  );
  if (eksctl) return { signs: false, at: ref(eksctl, ['metadata']) };
  const manager = findComponent(model.objects, 'kube-controller-manager');
  if (!manager) return { signs: true };
  const has = (name: string) => {
    const flag = manager.line.flags.get(name);
    return flag !== undefined && flag.some((f) => f.value !== '');
  };
  const signs =
    (has('cluster-signing-cert-file') && has('cluster-signing-key-file')) ||
    (has('cluster-signing-kube-apiserver-client-cert-file') &&
      has('cluster-signing-kube-apiserver-client-key-file'));
  const at = ref(manager.object, [...manager.containerPath, 'command']);
  return { signs, at };
}
