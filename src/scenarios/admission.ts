// "Would the API server let this workload in?" for a scenario's manifests. A scenario whose
// own pods the API server refuses (their namespace's Pod Security level, or a privileged
// container without --allow-privileged) teaches a cluster that cannot run.
//
// The decision is the engine's own (`AnalysisResult.refused`, from model/admission.ts): the
// namespace's enforce level and enforce-version, invalid levels read as restricted, the
// PodSecurityConfiguration's defaults and exemptions, the flag. An earlier copy of it here
// read only the label and evaluated every pod at the latest policy version, so it disagreed
// with the MUT on pinned versions and on misspelt levels.

import { parseAllDocuments } from 'yaml';
import type { AnalysisResult, InputFile } from '../engine';

export interface Refusal {
  object: string;
  namespace: string;
  /** What refuses it: the namespace's enforce level, or `allow-privileged`. */
  enforce: 'baseline' | 'restricted' | 'allow-privileged';
  checks: string[];
  file: string;
  line: number;
}

/** What the scenario started from: its manifests and the engine's analysis of them. */
export interface StartingPoint {
  files: readonly InputFile[];
  result: Pick<AnalysisResult, 'refused'>;
}

/** Every object of the files (Lists unpacked), by its `Kind namespace/name` reference. */
function objectsOf(files: readonly InputFile[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    const obj = o as { kind?: unknown; items?: unknown; metadata?: unknown };
    if (obj.kind === 'List' && Array.isArray(obj.items)) obj.items.forEach(visit);
    const meta = (obj.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    if (typeof obj.kind !== 'string' || typeof meta.name !== 'string') return;
    const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
    out.set(`${obj.kind} ${ns}${meta.name}`, JSON.stringify(obj));
  };
  for (const f of files)
    for (const doc of parseAllDocuments(f.text)) {
      if ('errors' in doc && doc.errors.length > 0) continue;
      visit(doc.toJS());
    }
  return out;
}

/**
 * Every pod or pod template the API server would refuse in `result`, except bare Pods that
 * ran at the scenario's start and have not changed since: admission runs when a pod is
 * created, so labelling a namespace or turning a flag off does not evict running pods (docs:
 * Pod Security Admission, "Namespace labels"; the API server only warns about them). Anything
 * new or changed, and every pod a controller creates at its next rollout, must be admitted.
 */
export function refusedWorkloads(
  files: readonly InputFile[],
  result: Pick<AnalysisResult, 'refused'>,
  start?: StartingPoint,
): Refusal[] {
  const refusedAtStart = new Set(start?.result.refused.map((r) => r.object));
  const now = start ? objectsOf(files) : new Map<string, string>();
  const earlier = start ? objectsOf(start.files) : new Map<string, string>();
  const runningSinceStart = (object: string) =>
    object.startsWith('Pod ') &&
    earlier.has(object) &&
    !refusedAtStart.has(object) &&
    earlier.get(object) === now.get(object);
  const out: Refusal[] = [];
  for (const r of result.refused) {
    // A pod no node fits waits in Pending: the cluster still runs (the engine warns at it).
    if (r.by === 'unschedulable' || runningSinceStart(r.object)) continue;
    out.push({
      object: r.object,
      namespace: r.namespace,
      enforce: r.by === 'allow-privileged' ? 'allow-privileged' : (r.level ?? 'restricted'),
      checks: r.checks,
      file: r.location.file,
      line: r.location.line,
    });
  }
  return out;
}
