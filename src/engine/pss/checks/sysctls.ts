import type { CheckDefinition, Finding } from '../types.ts';
import { isSet, items, own, show } from '../util.ts';
import { BASELINE_REF, POD_SC, finding } from './shared.ts';

const reason = 'forbidden sysctls';

/** Namespaced, isolated ("safe") sysctls allowed at baseline, policy v1.37. */
/** Safe sysctls by the policy version that allowed them (sysctlsV1Dot0, V1Dot27, ...). */
const SYSCTLS_SINCE: readonly (readonly [name: string, since: number])[] = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
  ['net.ipv4.tcp_slow_start_after_idle', 37],
  ['net.ipv4.tcp_notsent_lowat', 37],
];
/** Namespaced, isolated ("safe") sysctls allowed at baseline, latest policy. */
export const ALLOWED_SYSCTLS: readonly string[] = SYSCTLS_SINCE.map(([name]) => name);
const allowedAt = new Map<number, ReadonlySet<string>>();
function allowedSysctls(version: number): ReadonlySet<string> {
  let set = allowedAt.get(version);
  if (!set) {
    set = new Set(SYSCTLS_SINCE.filter(([, since]) => since <= version).map(([name]) => name));
    allowedAt.set(version, set);
  }
  return set;
}

export const sysctls: CheckDefinition = {
  id: 'sysctls',
  level: 'baseline',
  title: 'Sysctls',
  description:
    'Sysctls can disable security mechanisms or affect every pod on the node; only a safe, ' +
    'namespaced subset may be set in spec.securityContext.sysctls: ' +
    ALLOWED_SYSCTLS.join(', ') +
    '.',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx, version) {
    const allowed = allowedSysctls(version);
    const out: Finding[] = [];
    const sc = ctx.podSecurityContext;
    const list = own(sc, 'sysctls');
    if (isSet(sc, 'sysctls') && !Array.isArray(list)) {
      return [
        finding(reason, `spec.securityContext.sysctls must be a list (got ${show(list)})`, [
          ...POD_SC,
          'sysctls',
        ]),
      ];
    }
    for (const [i, entry] of items(list)) {
      const name = own(entry, 'name');
      if (typeof name === 'string' && allowed.has(name)) continue;
      out.push(
        finding(
          reason,
          name === undefined || name === null
            ? 'a sysctl entry has no name'
            : `sysctl ${show(name)} is not in the baseline safe list`,
          name === undefined || name === null
            ? [...POD_SC, 'sysctls', i]
            : [...POD_SC, 'sysctls', i, 'name'],
        ),
      );
    }
    return out;
  },
};
