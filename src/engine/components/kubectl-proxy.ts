import type { Component } from './component';

// `kubectl proxy` (kubernetes/kubernetes `staging/src/k8s.io/kubectl/pkg/cmd/proxy/proxy.go`,
// `pkg/proxy/proxy_server.go`): a local HTTP server that forwards every request to the API
// server with the credentials kubectl found, in a pod its service account token. It listens on
// `--address` (default 127.0.0.1) and port 8001. `--accept-hosts` compares only the Host header,
// which any caller sets as it likes, so it stops browsers being rebound, not callers.
// `--reject-paths` refuses `pods/exec` and `pods/attach` by default (`DefaultPathRejectRE`), and
// no method is refused (`DefaultMethodRejectRE = "^$"`): the rest of the service account's rights
// pass (the graph grants the account whole: the cautious side).

export const component: Component = {
  id: 'kubectl-proxy',
  name: 'kubectl proxy in a pod',
  description:
    '`kubectl proxy` run in a pod forwards every request it receives to the API server with the pod’s service account token. Listening beyond the pod’s loopback (`--address=0.0.0.0`), it gives whoever reaches its port that service account, without any credential.',
  references: [
    'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_proxy/',
    'https://kubernetes.io/docs/tasks/extend-kubernetes/http-proxy-access-api/',
  ],
  match: { command: ['kubectl', 'proxy'] },
  binary: 'proxy',
  behaviours: [
    {
      id: 'proxy-on-pod-network',
      title: 'kubectl proxy listening on the pod network',
      description:
        'With `--address` other than loopback, anyone who reaches the proxy’s port makes API requests as the pod’s service account.',
      references: ['https://kubernetes.io/docs/reference/kubectl/generated/kubectl_proxy/'],
      when: [{ flag: 'address', noneOf: ['127.0.0.1', 'localhost', '::1'], default: '127.0.0.1' }],
      trigger: { kind: 'network', from: 'anywhere' },
      yields: 'service-account',
    },
  ],
};
