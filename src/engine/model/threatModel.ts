import { arr, bool, get, getIn, isObj, str, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { ref } from '../manifests/locate';
import type { Diagnostic } from '../types';
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
  const warn = (message: string) => {
    if (object)
      diagnostics.push({
        severity: 'warning',
        message,
        file: object.doc.file,
        line: object.doc.startLine,
        column: 1,
      });
  };

  const goalIds = strings(get(spec, 'goals'));
  const goals: Goal[] = [];
  for (const id of goalIds.length ? goalIds : defaultGoals) {
    if (goalPattern.test(id)) goals.push({ id, title: goalTitle(id) });
    else
      warn(
        `unknown goal "${id}": use cluster-admin, node-root, secret:<namespace>/<name> or exec:<namespace>/<workload>`,
      );
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
    if (!id || !subject)
      return warn(`credentials[${i}] needs an id and a user (or serviceAccount: namespace/name)`);
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
      else warn(`costs.${key} must be a number of at least 0 or "forbidden"`);
    }
  }

  const remote = get(spec, 'remoteAccess');
  const exposure = str(getIn(spec, ['apiServer', 'exposure']));
  const start = str(getIn(spec, ['attacker', 'start'])) ?? 'internet';
  if (!/^(internet|corporate-network|pod:[^/\s]+\/[^/\s]+)$/.test(start))
    warn(
      `unknown attacker start "${start}": use internet, corporate-network or pod:<namespace>/<workload>`,
    );
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
