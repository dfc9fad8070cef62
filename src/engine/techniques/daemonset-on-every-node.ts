import { cond, fact } from '../graph/facts';
import { daemonSetNodes } from '../model/daemonSetNodes';
import { mountsOf, runtimeSocketPaths, writeToRootPaths } from './hostPaths';
import type { Technique } from './technique';

export const technique: Technique = {
  id: 'daemonset-on-every-node',
  title: 'Ride a DaemonSet onto every node it tolerates',
  description:
    "A DaemonSet runs a copy of its pod on every node whose taints it tolerates: a toleration of `node-role.kubernetes.io/control-plane` (or an empty `operator: Exists`) puts it on the control plane too. Code execution in the DaemonSet reaches the copy on any node, so a privileged or host-mounting DaemonSet is root on every one of them; and root on any of those nodes is code execution in the DaemonSet's pod there, with its token and secrets.",
  references: [
    'kubehound:CE_PRIV_MOUNT',
    'kubehound:EXPLOIT_HOST_WRITE',
    'attack:T1611',
    'attack:T1610',
  ],
  remediation:
    'Give DaemonSets only the tolerations they need (never a bare `operator: Exists`), keep agents that need host access off the control plane, and run them unprivileged where possible.',
  rules(ctx) {
    for (const pod of ctx.model.pods) {
      // The model already places one copy on `pod.node`: these rules are for the others.
      const nodes = daemonSetNodes(ctx.model, pod).filter((n) => n !== pod.node);
      if (nodes.length === 0) continue;
      const automount = ctx.condition(
        cond.automount(pod),
        pod.automountToken.value,
        pod.automountToken.at,
      );
      for (const c of pod.containers) {
        const privileged = c.privileged.value
          ? ctx.condition(cond.privileged(pod, c), true, c.privileged.at)
          : undefined;
        const write = mountsOf(c.hostPathMounts, writeToRootPaths, true);
        const socket = mountsOf(c.hostPathMounts, runtimeSocketPaths, false);
        for (const node of nodes) {
          // The copy on each node: taken over with the node, and an escape to it.
          ctx.rule([fact.root(node)], fact.exec(pod, c));
          for (const name of c.secrets.keys())
            ctx.rule([fact.root(node)], fact.secret(`${pod.namespace}/${name}`));
          if (privileged)
            ctx.rule([fact.exec(pod, c), privileged], fact.root(node), [c.privileged.at]);
          if (write) {
            const w = ctx.condition(cond.hostPath('write', pod, c), true, write.at);
            ctx.rule([fact.exec(pod, c), w], fact.root(node), [write.at]);
          }
          if (socket) {
            const s = ctx.condition(cond.hostPath('runtime-socket', pod, c), true, socket.at);
            ctx.rule([fact.exec(pod, c), s], fact.root(node), [socket.at]);
          }
        }
      }
      for (const node of nodes)
        ctx.rule(
          [fact.nodeTokens(node), automount],
          fact.serviceAccount(pod.namespace, pod.serviceAccount),
          [pod.automountToken.at],
        );
    }
  },
};
