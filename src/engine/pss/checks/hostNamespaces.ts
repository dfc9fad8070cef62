import type { CheckDefinition, Finding } from '../types.ts';
import { own } from '../util.ts';
import { BASELINE_REF, finding } from './shared.ts';

const reason = 'host namespaces';

const WHAT: Readonly<Record<string, string>> = {
  hostNetwork: "the node's network stack (every interface and port on the host)",
  hostPID: "the node's process table (every process on the host)",
  hostIPC: "the node's IPC namespace (shared memory of host processes)",
};

export const hostNamespaces: CheckDefinition = {
  id: 'hostNamespaces',
  level: 'baseline',
  title: 'Host namespaces',
  description:
    'Sharing the host namespaces must be disallowed: spec.hostNetwork, spec.hostPID and ' +
    'spec.hostIPC must be unset or false.',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (own(ctx.spec, field) === true) {
        out.push(
          finding(
            reason,
            `${field}=true lets the pod see ${WHAT[field]}; remove spec.${field} or set it to false`,
            ['spec', field],
          ),
        );
      }
    }
    return out;
  },
};
