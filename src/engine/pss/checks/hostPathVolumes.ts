import type { CheckDefinition, Finding } from '../types.ts';
import { isSet, items, own } from '../util.ts';
import { BASELINE_REF, finding } from './shared.ts';

const reason = 'hostPath volumes';

export const hostPathVolumes: CheckDefinition = {
  id: 'hostPathVolumes',
  level: 'baseline',
  title: 'HostPath volumes',
  description:
    'HostPath volumes mount files and directories of the node into the pod and must be ' +
    'forbidden: spec.volumes[*].hostPath must be unset.',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const [i, vol] of items(own(ctx.spec, 'volumes'))) {
      if (!isSet(vol, 'hostPath')) continue;
      const name = own(vol, 'name');
      const label = typeof name === 'string' ? `volume ${JSON.stringify(name)}` : `volume #${i}`;
      out.push(
        finding(reason, `${label} uses hostPath, which exposes the node's filesystem to the pod`, [
          'spec',
          'volumes',
          i,
          'hostPath',
        ]),
      );
    }
    return out;
  },
};
