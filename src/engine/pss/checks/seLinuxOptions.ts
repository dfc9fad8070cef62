import type { CheckDefinition, Finding, JsonPath } from '../types.ts';
import { isRecord, isSet, own, show } from '../util.ts';
import { BASELINE_REF, POD_SC, finding } from './shared.ts';

const reason = 'seLinuxOptions';

/** SELinux types allowed at baseline ('' = unset). container_engine_t since policy v1.31. */
export const ALLOWED_SELINUX_TYPES: readonly string[] = [
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
];
const allowedTypes = new Set(ALLOWED_SELINUX_TYPES);
/** Before policy v1.31 (seLinuxOptions_1_0). */
const allowedTypesBefore31 = new Set(
  ALLOWED_SELINUX_TYPES.filter((t) => t !== 'container_engine_t'),
);

export const seLinuxOptions: CheckDefinition = {
  id: 'seLinuxOptions',
  level: 'baseline',
  title: 'SELinux',
  description:
    'Setting the SELinux type is restricted to container_t, container_init_t, container_kvm_t ' +
    'and container_engine_t; setting a custom SELinux user or role is forbidden.',
  reference: BASELINE_REF,
  reason,
  evaluate(ctx, version) {
    const allowed = version >= 31 ? allowedTypes : allowedTypesBefore31;
    const out: Finding[] = [];
    const checkOpts = (sc: unknown, scAt: JsonPath, who: string) => {
      if (!isSet(sc, 'seLinuxOptions')) return;
      const opts = own(sc, 'seLinuxOptions');
      const at: JsonPath = [...scAt, 'seLinuxOptions'];
      if (!isRecord(opts)) {
        out.push(
          finding(reason, `${who} has a securityContext.seLinuxOptions that is not an object`, at),
        );
        return;
      }
      const type = own(opts, 'type');
      if (type !== undefined && type !== null && !(typeof type === 'string' && allowed.has(type))) {
        out.push(
          finding(
            reason,
            `${who} set forbidden securityContext.seLinuxOptions: type ${show(type)} ` +
              '(allowed: container_t, container_init_t, container_kvm_t, container_engine_t)',
            [...at, 'type'],
          ),
        );
      }
      for (const field of ['user', 'role']) {
        const v = own(opts, field);
        if (v === undefined || v === null || v === '') continue;
        out.push(
          finding(
            reason,
            `${who} set forbidden securityContext.seLinuxOptions: ${field} may not be set (got ${show(v)})`,
            [...at, field],
          ),
        );
      }
    };
    checkOpts(ctx.podSecurityContext, POD_SC, 'pod');
    for (const c of ctx.containers) checkOpts(c.securityContext, c.securityContextPath, c.label);
    return out;
  },
};
