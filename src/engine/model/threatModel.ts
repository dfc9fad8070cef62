import { append } from '../append';
import { arr, bool, get, getIn, isObj, str, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { ref } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { locate } from '../manifests/locate';
import type { ValidateFunction } from 'ajv';
import validateThreatModel from './threatModel.validate';
import type { Credential, Goal, Setting, SubjectKey, ThreatModelSettings } from './types';

/**
 * The project's own object: only what no real format carries (docs/threat-model.md).
 *
 * apiVersion: mutlab.dev/v1alpha1
 * kind: ThreatModel
 */
export const threatModelApiVersion = 'mutlab.dev/v1alpha1';
export const threatModelKind = 'ThreatModel';

export const defaultGoals = ['cluster-admin', 'node-root'];

export function goalTitle(id: string): string {
  if (id === 'cluster-admin') return 'full control of the cluster (cluster-admin)';
  if (id === 'node-root') return 'root on a node';
  if (id.startsWith('secret:')) return `the content of Secret ${id.slice(7)}`;
  if (id.startsWith('exec:')) return `code execution in ${id.slice(5)}`;
  return id;
}

const goalPattern = /^(cluster-admin|node-root|secret:[^/\s]+\/[^/\s]+|exec:[^/\s]+\/[^/\s]+)$/;

export function readThreatModel(
  objects: readonly KubeObject[],
  userSubjects: Iterable<SubjectKey>,
): { settings: ThreatModelSettings; exposure?: Setting<boolean>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const found = objects.filter(
    (o) => o.kind === threatModelKind && o.apiVersion === threatModelApiVersion,
  );
  const object = found[0];
  if (found.length > 1) {
    const second = found[1]!;
    diagnostics.push({
      severity: 'warning',
      message: 'more than one ThreatModel: only the first is used',
      file: second.doc.file,
      line: second.doc.startLine,
      column: 1,
    });
  }
  const spec = object ? get(object.raw, 'spec') : undefined;
  if (object) append(diagnostics, schemaDiagnostics(object));

  const goalIds = strings(get(spec, 'goals'));
  const goals: Goal[] = [];
  for (const id of goalIds.length ? goalIds : defaultGoals) {
    // Invalid entries are reported by the schema and left out here.
    if (goalPattern.test(id)) goals.push({ id, title: goalTitle(id) });
  }
  if (goals.length === 0 && object) {
    // Analysing nothing would pass any gate: say so loudly and fall back to the defaults.
    const at = locate(object, ['spec', 'goals']);
    diagnostics.push({
      severity: 'error',
      message: 'the ThreatModel names no valid goal; using the defaults (cluster-admin, node-root)',
      file: at.file,
      line: at.line,
      column: at.column,
    });
    for (const id of defaultGoals) goals.push({ id, title: goalTitle(id) });
  }

  const credentials: Credential[] = [];
  arr(get(spec, 'credentials')).forEach((c, i) => {
    const id = str(get(c, 'id'));
    const user = str(get(c, 'user'));
    const sa = str(get(c, 'serviceAccount'));
    const subject = user
      ? `user:${user}`
      : sa && sa.includes('/')
        ? `sa:${sa.replace('/', ':')}`
        : undefined;
    if (!id || !subject) return;
    credentials.push({
      id,
      subject,
      groups: strings(get(c, 'groups')),
      keptAt: str(get(c, 'keptAt')) ?? 'somewhere outside the cluster',
      at: object ? ref(object, ['spec', 'credentials', i]) : undefined,
    });
  });
  if (!object || get(spec, 'credentials') === undefined) {
    // By default every user a binding names holds a kubeconfig that can leak.
    for (const subject of [...userSubjects].sort()) {
      if (subject.startsWith('user:') && !subject.startsWith('user:system:')) {
        credentials.push({
          id: `${subject.slice(5)}-kubeconfig`,
          subject,
          groups: [],
          keptAt: `${subject.slice(5)}'s machine`,
        });
      }
    }
  }

  const costs = new Map<string, number | 'forbidden'>();
  const costSpec = get(spec, 'costs');
  if (isObj(costSpec)) {
    for (const key of Object.keys(costSpec)) {
      const v = costSpec[key];
      if (v === 'forbidden') costs.set(key, 'forbidden');
      else if (typeof v === 'number' && Number.isFinite(v) && v >= 0) costs.set(key, v);
    }
  }

  const remote = get(spec, 'remoteAccess');
  const exposure = str(getIn(spec, ['apiServer', 'exposure']));
  const start = str(getIn(spec, ['attacker', 'start'])) ?? 'internet';
  return {
    settings: {
      start,
      goals,
      remoteAccess: isObj(remote)
        ? {
            name: str(get(remote, 'name')) ?? 'remote access',
            kind: str(get(remote, 'kind')) ?? 'vpn',
            at: object ? ref(object, ['spec', 'remoteAccess']) : undefined,
          }
        : undefined,
      credentials,
      vulnerable: new Set(strings(get(spec, 'vulnerableWorkloads'))),
      cloudMetadata: bool(getIn(spec, ['cloud', 'metadata'])) ?? true,
      legacyTokenSecrets: get(spec, 'serviceAccountTokens') === 'legacy',
      nodes: get(spec, 'nodes') === 'separate' ? 'separate' : 'shared',
      costs,
      object,
    },
    exposure:
      exposure && object
        ? { value: exposure === 'public', at: ref(object, ['spec', 'apiServer', 'exposure']) }
        : undefined,
    diagnostics,
  };
}

// Precompiled at build time (scripts/gen-validators.ts): compiling in the page needs
// `new Function`, which the Content Security Policy forbids.
const validateSchema = validateThreatModel as unknown as ValidateFunction;

/** Schema errors of the ThreatModel, each at the line of the field it names. */
function schemaDiagnostics(object: KubeObject): Diagnostic[] {
  if (validateSchema(object.raw)) return [];
  return (validateSchema.errors ?? []).slice(0, 20).map((e) => {
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
        : '';
    const at = locate(object, path);
    // An error, not a warning: the field is left out of the analysis (an invalid goal is not
    // analysed, an invalid cost is not applied), so a gate must not pass on it.
    return {
      severity: 'error',
      message: `ThreatModel ${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${extra}`,
      file: at.file,
      line: at.line,
      column: at.column,
    };
  });
}

/**
 * Whether the analysis adds the RBAC objects every API server creates (`spec.bootstrapPolicy`,
 * default true). Read before the rest of the ThreatModel: RBAC is read first.
 */
export function wantsBootstrapPolicy(objects: readonly KubeObject[]): boolean {
  const tm = objects.find((o) => o.kind === 'ThreatModel');
  return tm ? get(get(tm.raw, 'spec'), 'bootstrapPolicy') !== false : true;
}
