import type { CheckDefinition, Finding } from '../types.ts';
import { isSet, items, nearestPath, own, ownRecord, show } from '../util.ts';
import { RESTRICTED_REF, finding, scPath } from './shared.ts';

const reason = 'unrestricted capabilities';

export const capabilitiesRestricted: CheckDefinition = {
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'Capabilities (restricted)',
  description:
    'Containers must drop ALL capabilities (securityContext.capabilities.drop must include ' +
    '"ALL") and may only add back NET_BIND_SERVICE. Windows pods (spec.os.name: windows) are ' +
    'exempt (policy v1.25+).',
  reference: RESTRICTED_REF,
  reason,
  evaluate(ctx, version) {
    if (ctx.isWindows && version >= 25) return [];
    const out: Finding[] = [];
    for (const c of ctx.containers) {
      const caps = ownRecord(c.securityContext, 'capabilities');
      const drop = own(caps, 'drop');
      if (!items(drop).some(([, v]) => v === 'ALL')) {
        out.push(
          finding(
            reason,
            `${c.label} must set securityContext.capabilities.drop=["ALL"]`,
            Array.isArray(drop)
              ? scPath(c.path, 'capabilities', 'drop')
              : nearestPath(ctx.root, c.path, ['securityContext', 'capabilities', 'drop']),
          ),
        );
      }
      const add = own(caps, 'add');
      if (isSet(caps, 'add') && !Array.isArray(add)) {
        out.push(
          finding(
            reason,
            `${c.label} has a securityContext.capabilities.add that is not a list (${show(add)})`,
            scPath(c.path, 'capabilities', 'add'),
          ),
        );
        continue;
      }
      for (const [i, cap] of items(add)) {
        if (cap === 'NET_BIND_SERVICE') continue;
        out.push(
          finding(
            reason,
            `${c.label} must not include ${show(cap)} in securityContext.capabilities.add ` +
              '(only "NET_BIND_SERVICE" may be added back)',
            scPath(c.path, 'capabilities', 'add', i),
          ),
        );
      }
    }
    return out;
  },
};
