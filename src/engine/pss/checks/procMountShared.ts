import type { Finding, PodContext } from '../types.ts';
import { isSet, own, show } from '../util.ts';
import { finding, scPath } from './shared.ts';

export const procMountReason = 'procMount';

/** Containers that set securityContext.procMount to anything but "Default". */
export function unmaskedProcMounts(ctx: PodContext, hint: string): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    if (!isSet(c.securityContext, 'procMount')) continue;
    const value = own(c.securityContext, 'procMount');
    if (value === 'Default') continue;
    out.push(
      finding(
        procMountReason,
        `${c.label} must not set securityContext.procMount to ${show(value)}${hint}`,
        scPath(c.path, 'procMount'),
      ),
    );
  }
  return out;
}
