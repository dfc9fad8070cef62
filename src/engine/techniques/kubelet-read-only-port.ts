import { cond, fact } from '../graph/facts';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'kubelet-read-only-port',
  title: "Read pod specs from the kubelet's read-only port",
  description:
    "The kubelet's read-only port (10255) answers without any authentication. It lists every pod of the node with its full spec: images, commands, environment variables, mounted volumes. That is a map of where to strike next, and sometimes credentials written straight into an environment variable.",
  references: ['ms:MS-TA9030', 'attack:T1613', 'cis:4.2.4'],
  remediation: 'Set `readOnlyPort: 0` in KubeletConfiguration.',
  rules(ctx) {
    const k = ctx.model.kubelet;
    for (const node of ctx.model.nodes) {
      const open = ctx.condition(
        cond.kubeletReadOnlyPort(node),
        k.readOnlyPort.value !== 0,
        k.readOnlyPort.at,
      );
      ctx.rule([fact.kubeletReach(node), open], fact.recon(node), [k.readOnlyPort.at]);
    }
  },
};
