import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'cloud-metadata',
  title: "Take the node's cloud credentials from the metadata service",
  description:
    "On a cloud, every node can ask the instance metadata service (169.254.169.254) for its own credentials, and a pod can usually ask too. With the node's identity the attacker acts as the node towards the cloud and, on managed clusters, towards the API server as `system:node:<name>`.",
  references: ['ms:MS-TA9033', 'attack:T1552.005'],
  remediation:
    'Block egress to 169.254.169.254/32 with a NetworkPolicy `ipBlock.except`, require IMDSv2 with a hop limit of 1, or use workload identity.',
  rules(ctx) {
    const threat = ctx.model.threat;
    const onCloud = ctx.condition(
      cond.cloudMetadata,
      threat.cloudMetadata,
      threat.object && { object: threat.object, path: ['spec', 'cloud'] },
    );
    for (const { pod, container } of ctx.containers()) {
      ctx.rule([fact.exec(pod, container), cond.metadataOpen(pod), onCloud], fact.cloud(pod.node));
    }
    // Where the node's cloud role is what logs the kubelet in (EKS's aws-auth or access
    // entries), its credentials are the node's Kubernetes identity; elsewhere (GKE's shielded
    // nodes, AKS's certificates) they are cloud credentials only (src/engine/baselines/).
    if (!threat.baseline.settings.metadataGivesNodeIdentity) return;
    for (const node of ctx.model.nodes) ctx.rule([fact.cloud(node)], fact.nodeIdentity(node));
  },
};
