import type { CheckDefinition, Finding, JsonPath } from '../types.ts';
import { isSet, keys, own, show } from '../util.ts';
import { BASELINE_REF, POD_SC, finding } from './shared.ts';

const reason = 'forbidden AppArmor profile';

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function allowedAnnotationValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  return (
    typeof value === 'string' && (value === 'runtime/default' || value.startsWith('localhost/'))
  );
}

export const appArmorProfile: CheckDefinition = {
  id: 'appArmorProfile',
  level: 'baseline',
  title: 'AppArmor',
  description:
    'The default AppArmor profile must not be overridden or disabled: ' +
    'securityContext.appArmorProfile.type may only be RuntimeDefault or Localhost, and the ' +
    "legacy annotations container.apparmor.security.beta.kubernetes.io/* only 'runtime/default' " +
    "or 'localhost/<profile>'.",
  reference: BASELINE_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    const checkField = (sc: unknown, scAt: JsonPath, who: string) => {
      if (!isSet(sc, 'appArmorProfile')) return;
      const profile = own(sc, 'appArmorProfile');
      const type = own(profile, 'type');
      if (allowedType(type)) return;
      out.push(
        finding(
          reason,
          (type === undefined || type === null
            ? `${who} sets securityContext.appArmorProfile without a type `
            : `${who} must not set securityContext.appArmorProfile.type to ${show(type)} `) +
            '(allowed: "RuntimeDefault" or "Localhost")',
          type === undefined || type === null
            ? [...scAt, 'appArmorProfile']
            : [...scAt, 'appArmorProfile', 'type'],
        ),
      );
    };
    checkField(ctx.podSecurityContext, POD_SC, 'pod');
    for (const c of ctx.containers) checkField(c.securityContext, c.securityContextPath, c.label);

    const annotations = own(ctx.metadata, 'annotations');
    for (const key of keys(annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      const value = own(annotations, key);
      if (allowedAnnotationValue(value)) continue;
      out.push(
        finding(
          reason,
          `annotation ${key}=${show(value)} disables or overrides the default AppArmor profile ` +
            '(allowed: "runtime/default" or "localhost/<profile>")',
          ['metadata', 'annotations', key],
        ),
      );
    }
    return out;
  },
};
