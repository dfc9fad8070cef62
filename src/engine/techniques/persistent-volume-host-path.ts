import { fact } from '../graph/facts';
import { request } from '../authz/requests';
import { podCreation } from './podRequests';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'persistent-volume-host-path',
  title: 'Mount the node through a hostPath PersistentVolume',
  description:
    "Whoever may create PersistentVolumes (cluster-wide), a PersistentVolumeClaim and a pod can create a PV of type `hostPath` on `/`, claim it and mount the claim: the node's filesystem, writable. Pod Security Admission's baseline level forbids hostPath volumes in a pod, but a `persistentVolumeClaim` volume is allowed even at restricted: it never looks at the PV behind the claim. Only restricted's non-root user stops the writes that matter.",
  references: ['kubehound:EXPLOIT_HOST_WRITE', 'attack:T1611', 'attack:T1610', 'ms:MS-TA9018'],
  remediation:
    'Grant `create` on persistentvolumes to storage administrators and provisioners only; enforce the restricted Pod Security Standard where users may create pods.',
  rules(ctx) {
    const createPv = ctx.can(request('create', 'persistentvolumes'));
    for (const ns of ctx.namespaces()) {
      const info = ctx.model.namespaces.get(ns);
      // Restricted makes containers run as non-root without capabilities: the host's files
      // that give root are root's (staging/src/k8s.io/pod-security-admission/policy).
      if (info?.enforce.value === 'restricted') continue;
      const claim = ctx.can(request('create', 'persistentvolumeclaims', { namespace: ns }));
      for (const node of ctx.model.nodes)
        ctx.rule([createPv, claim, podCreation(ctx, ns)], fact.root(node), [info?.enforce.at]);
    }
  },
};
