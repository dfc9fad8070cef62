import type { CheckDefinition, Finding, JsonPath, PodContext } from '../types.ts';
import { isSet, keys, own, show } from '../util.ts';
import { BASELINE_REF, POD_SC, finding } from './shared.ts';
import { describeSeccomp, seccompReason, validSeccompType } from './seccompShared.ts';

export const seccompProfileBaseline: CheckDefinition = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp',
  description:
    'Seccomp must not be explicitly disabled: when securityContext.seccompProfile is set (pod or ' +
    'container), its type must be RuntimeDefault or Localhost — "Unconfined" is forbidden. ' +
    '(Since policy v1.19 only the fields are checked, not the legacy seccomp annotations.)',
  reference: BASELINE_REF,
  reason: seccompReason,
  evaluate(ctx, version) {
    if (version < 19) return annotationFindings(ctx);
    const out: Finding[] = [];
    const checkSc = (sc: unknown, scAt: JsonPath, who: string) => {
      if (!isSet(sc, 'seccompProfile')) return;
      const type = own(own(sc, 'seccompProfile'), 'type');
      if (validSeccompType(type)) return;
      out.push(
        finding(
          seccompReason,
          `${who} ${describeSeccomp(type)} ` + '(use "RuntimeDefault" or "Localhost")',
          type === undefined || type === null
            ? [...scAt, 'seccompProfile']
            : [...scAt, 'seccompProfile', 'type'],
        ),
      );
    };
    checkSc(ctx.podSecurityContext, POD_SC, 'pod');
    for (const c of ctx.containers) checkSc(c.securityContext, c.securityContextPath, c.label);
    return out;
  },
};

const podAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const containerAnnotationPrefix = 'container.seccomp.security.alpha.kubernetes.io/';

/** seccompProfileBaseline_1_0: the alpha annotations may name only these profiles. */
function validAnnotationValue(v: unknown): boolean {
  return (
    v === 'runtime/default' ||
    v === 'docker/default' ||
    (typeof v === 'string' && v.startsWith('localhost/'))
  );
}

/** Policy before v1.19 reads the alpha annotations, not the fields. */
function annotationFindings(ctx: PodContext): Finding[] {
  const out: Finding[] = [];
  const annotations = own(ctx.metadata, 'annotations');
  const names = new Set(ctx.containers.map((c) => own(c.value, 'name')));
  for (const key of keys(annotations)) {
    const forPod = key === podAnnotation;
    const forContainer =
      key.startsWith(containerAnnotationPrefix) &&
      names.has(key.slice(containerAnnotationPrefix.length));
    if (!forPod && !forContainer) continue;
    const value = own(annotations, key);
    if (validAnnotationValue(value)) continue;
    out.push(
      finding(
        seccompReason,
        `annotation ${key}=${show(value)} is forbidden ` +
          '(allowed: "runtime/default", "docker/default" or "localhost/<profile>")',
        ['metadata', 'annotations', key],
      ),
    );
  }
  return out;
}
