// Pod Security Standards evaluator: decides, as the Pod Security admission controller does at
// policy version v1.37 ("latest"), whether a pod is allowed at the baseline or restricted level.
// https://kubernetes.io/docs/concepts/security/pod-security-standards/
//
// Input is untrusted parsed YAML: every field may be missing or of the wrong type, only own
// properties are read, and evaluation never throws.
//
// One deliberate difference in reporting (not in verdicts): upstream lets some restricted checks
// replace ("override") a baseline check at the restricted level (restrictedVolumes replaces
// hostPathVolumes, seccompProfile_restricted / capabilities_restricted / procMount_restricted
// replace their baseline counterparts). Here restricted runs every baseline check as well, so a
// denial always names the baseline control too, and restricted-allowed always implies
// baseline-allowed. The verdicts differ only for Windows pods that set seccompProfile or
// capabilities, which the API server's validation rejects before admission anyway.

import { checkDefinitions } from './registry.ts';
import type { CheckDefinition, PssCheck, PssLevel, PssViolation } from './types.ts';
import { buildContext } from './util.ts';
import { implementationAt, policyMinor } from './versions.ts';

export type { JsonPath, PssCheck, PssLevel, PssViolation } from './types.ts';

/** Metadata of every check, baseline first. */
export const pssChecks: readonly PssCheck[] = Object.freeze(
  checkDefinitions.map(({ id, level, title, description, reference }) =>
    Object.freeze({ id, level, title, description, reference }),
  ),
);

/** The policy version whose semantics this evaluator implements. */
export const pssPolicyVersion = 'v1.37';

const LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

/** Parse a `pod-security.kubernetes.io/<mode>` namespace label value (exact, case-sensitive). */
export function parsePssLevel(value: unknown): PssLevel | undefined {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value)
    ? (value as PssLevel)
    : undefined;
}

/** Appends `def`'s violations for the pod to `out`. */
function runCheck(
  def: CheckDefinition,
  ctx: ReturnType<typeof buildContext>,
  version: number,
  out: PssViolation[],
): void {
  try {
    for (const f of def.evaluate(ctx, version))
      out.push({ check: def.id, level: def.level, message: f.message, path: f.path });
  } catch {
    // Defensive: a check must never crash the engine. Fail closed, like an admission webhook.
    out.push({
      check: def.id,
      level: def.level,
      message: `${def.reason}: the pod could not be evaluated for this check`,
      path: [],
    });
  }
}

/** A check that runs at a level and policy version, with the implementation it runs. */
interface Step {
  def: CheckDefinition;
  implementation: number;
}

/**
 * The checks to run per level and policy version, worked out once: every pod of a cluster
 * is evaluated at the same few, and choosing the checks anew (a version parsed, each
 * check's implementations searched) was a fifth of an evaluation.
 */
const plans = new Map<string, readonly Step[]>();

function planFor(level: 'baseline' | 'restricted', version: string): readonly Step[] {
  const key = `${level} ${version}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const minor = policyMinor(version);
    const steps: Step[] = [];
    for (const def of checkDefinitions) {
      if (level === 'baseline' && def.level !== 'baseline') continue;
      const implementation = implementationAt(def.id, minor);
      if (implementation !== undefined) steps.push({ def, implementation });
    }
    // Versions come from namespace labels: bounded, so a label per namespace cannot grow it.
    if (plans.size >= 1000) plans.clear();
    plans.set(key, (plan = steps));
  }
  return plan;
}

/**
 * Evaluate a pod (or any object with `metadata` and `spec`, e.g. a pod template) against a
 * Pod Security Standards level. `privileged` allows everything. An unknown level is treated as
 * `restricted` (fail closed), as the admission controller does for an invalid label.
 */
export function evaluatePodSecurity(
  pod: { metadata?: unknown; spec?: unknown },
  level: PssLevel,
  version = 'latest',
): { allowed: boolean; violations: PssViolation[] } {
  const effective: PssLevel = parsePssLevel(level) ?? 'restricted';
  if (effective === 'privileged') return { allowed: true, violations: [] };
  const ctx = buildContext(pod);
  const violations: PssViolation[] = [];
  for (const { def, implementation } of planFor(effective, version))
    runCheck(def, ctx, implementation, violations);
  return { allowed: violations.length === 0, violations };
}

/** The strictest level the pod is allowed at. */
export function highestPssLevel(pod: { metadata?: unknown; spec?: unknown }): PssLevel {
  if (evaluatePodSecurity(pod, 'restricted').allowed) return 'restricted';
  if (evaluatePodSecurity(pod, 'baseline').allowed) return 'baseline';
  return 'privileged';
}
