// Control-plane static pods as kubeadm writes them, for tests that need an API server.

/** The kube-apiserver static pod (v1.30), its command line the binary and `flags`. */
export function apiServerPod(flags: readonly string[]): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - kube-apiserver
${flags.map((f) => `        - ${f}`).join('\n')}
`;
}
