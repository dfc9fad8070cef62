import { append } from '../append';
import { arr, bool, get, getIn, isObj, str, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { ref } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { locate } from '../manifests/locate';
import type { ErrorObject, ValidateFunction } from 'ajv';
import threatModelSchema from './threatModel.schema.json';
import validateThreatModel from './threatModel.validate';
import type { Credential, Goal, Setting, SubjectKey, ThreatModelSettings } from './types';
import { baselineIds, defaultBaseline, findBaseline, type Baseline } from '../baselines';
import { nearest } from '../nearest';
import { messUpTemplates } from '../messups';

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
  options: { baseline?: string } = {},
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
  const baseline = chooseBaseline(object, options.baseline, diagnostics);

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
    // The credentials the provider creates with every cluster (an explicit list replaces them).
    for (const c of baseline.settings.credentials)
      credentials.push({
        id: c.id,
        subject: `user:${c.user}`,
        groups: [...c.groups],
        keptAt: c.keptAt,
      });
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
    if (object) append(diagnostics, unknownCostKeys(object, Object.keys(costSpec)));
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
      cloudMetadata: bool(getIn(spec, ['cloud', 'metadata'])) ?? baseline.settings.cloudMetadata,
      baseline,
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

/**
 * The baseline profile: `--baseline` (or the page's picker) first, then `spec.baseline`, then
 * kubeadm. A name no profile has is an error naming the valid ones, and kubeadm is used.
 */
function chooseBaseline(
  object: KubeObject | undefined,
  override: string | undefined,
  diagnostics: Diagnostic[],
): Baseline {
  if (override !== undefined) {
    const found = findBaseline(override);
    if (found) return found;
    const at = object ? locate(object, ['spec']) : { file: '', line: 1, column: 1 };
    diagnostics.push({
      severity: 'error',
      message: `unknown baseline ${JSON.stringify(override)}${didYouMean(override, baselineIds)}: the baselines are ${baselineIds.join(', ')}`,
      file: at.file,
      line: at.line,
      column: at.column,
    });
    return defaultBaseline;
  }
  const named = object ? get(get(object.raw, 'spec'), 'baseline') : undefined;
  // Anything else is refused by the schema (an error naming the valid ones) and not used.
  return (typeof named === 'string' && findBaseline(named)) || defaultBaseline;
}

/** ` (did you mean "x"?)` when a valid name is near enough to be the one meant, else ''. */
function didYouMean(value: string, valid: readonly string[]): string {
  const best = nearest(value, valid);
  return best ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}

const templateIds = messUpTemplates.map((t) => t.id);

/**
 * `costs` keys are mess-up template ids or mess-up ids (`<template>:<target>`). A key naming
 * no template applies to nothing: most often a typo, which would silently leave the cost at 1.
 */
function unknownCostKeys(object: KubeObject, keys: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of keys) {
    const template = key.includes(':') ? key.slice(0, key.indexOf(':')) : key;
    if (templateIds.includes(template)) continue;
    const at = locate(object, ['spec', 'costs', key]);
    const suggestion = nearest(template, templateIds);
    const meant = suggestion
      ? ` (did you mean ${JSON.stringify(key.includes(':') ? suggestion + key.slice(template.length) : suggestion)}?)`
      : '';
    out.push({
      severity: 'warning',
      message: `ThreatModel costs: ${JSON.stringify(key)} names no mess-up template${meant}, so it applies to nothing; the templates are listed by mut techniques`,
      file: at.file,
      line: at.line,
      column: at.column,
    });
  }
  return out;
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
    const value = getIn(object.raw, path);
    const plain = plainPattern(e, value);
    const at = locate(object, path);
    // An error, not a warning: the field is left out of the analysis (an invalid goal is not
    // analysed, an invalid cost is not applied), so a gate must not pass on it.
    return {
      severity: 'error',
      message: `ThreatModel ${e.instancePath || '/'}: ${plain ?? `${e.message ?? 'is invalid'}${explain(e, value)}`}`,
      file: at.file,
      line: at.line,
      column: at.column,
    };
  });
}

/** What a schema error's bare message leaves out: the field, the valid values, the likely intent. */
function explain(e: ErrorObject, value: unknown): string {
  const params = e.params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (e.keyword === 'additionalProperties') {
    const field = String(params.additionalProperty);
    return ` (${field})${didYouMean(field, knownFields(e.instancePath))}`;
  }
  if (e.keyword === 'enum' && params.allowedValues) {
    const valid = params.allowedValues.map(String);
    return `: ${valid.join(', ')}${typeof value === 'string' ? didYouMean(value, valid) : ''}`;
  }
  return '';
}

/** A goal or start that matches no form, said in words instead of the schema's regex. */
function plainPattern(e: ErrorObject, value: unknown): string | undefined {
  if (e.keyword !== 'pattern' || typeof value !== 'string') return undefined;
  const shown = JSON.stringify(value);
  if (/^\/spec\/goals\/\d+$/.test(e.instancePath))
    return `${shown} is not a goal${didYouMean(value, defaultGoals)}: the goals are cluster-admin, node-root, secret:<namespace>/<name> and exec:<namespace>/<workload>`;
  if (e.instancePath === '/spec/attacker/start')
    return `${shown} is not a place to start${didYouMean(value, ['internet', 'corporate-network'])}: internet, corporate-network or pod:<namespace>/<workload>`;
  return undefined;
}

/** The fields the schema allows at an object path (for "did you mean" on an unknown one). */
function knownFields(instancePath: string): string[] {
  let schema = threatModelSchema as { properties?: Record<string, unknown> };
  for (const key of instancePath.split('/').slice(1)) {
    const next = schema.properties?.[key] as typeof schema | undefined;
    if (!next) return [];
    schema = next;
  }
  return Object.keys(schema.properties ?? {});
}

/**
 * Whether the analysis adds the RBAC objects every API server creates (`spec.bootstrapPolicy`,
 * default true). Read before the rest of the ThreatModel: RBAC is read first.
 */
export function wantsBootstrapPolicy(objects: readonly KubeObject[]): boolean {
  const tm = objects.find((o) => o.kind === 'ThreatModel');
  return tm ? get(get(tm.raw, 'spec'), 'bootstrapPolicy') !== false : true;
}
