import type { CheckDefinition, Finding } from '../types.ts';
import { isSet, items, own, show } from '../util.ts';
import { BASELINE_REF, POD_SC, finding } from './shared.ts';

const reason = 'forbidden sysctls';

/** Namespaced, isolated ("safe") sysctls allowed at baseline, policy v1.37. */
export const ALLOWED_SYSCTLS: readonly string[] = [
  // v1.0
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  // v1.27
  'net.ipv4.ip_local_reserved_ports',
  // v1.29
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  // v1.32
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  // v1.37
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
];
const allowed = new Set(ALLOWED_SYSCTLS);

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
  evaluate(ctx) {
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
