// "Would Pod Security admission let this workload in?" for a scenario's manifests. A scenario
// whose namespace enforces a level that its own pods break teaches a cluster that cannot run:
// the API server refuses those pods (or the next rollout of their workload).

import { parseAllDocuments } from 'yaml';
import type { Finding, InputFile } from '../engine';

export interface Refusal {
  object: string;
  namespace: string;
  enforce: 'baseline' | 'restricted';
  checks: string[];
  file: string;
  line: number;
}

/** Every object of the files (Lists unpacked), by its `Kind namespace/name` reference. */
function objectsOf(files: readonly InputFile[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const visit = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    const obj = o as { kind?: unknown; items?: unknown; metadata?: unknown };
    if (obj.kind === 'List' && Array.isArray(obj.items)) obj.items.forEach(visit);
    const meta = (obj.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    if (typeof obj.kind !== 'string' || typeof meta.name !== 'string') return;
    const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
    out.set(`${obj.kind} ${ns}${meta.name}`, obj as Record<string, unknown>);
  };
  for (const f of files)
    for (const doc of parseAllDocuments(f.text)) {
      if ('errors' in doc && doc.errors.length > 0) continue;
      visit(doc.toJS());
    }
  return out;
}

/** The `pod-security.kubernetes.io/enforce` level of each Namespace in the files. */
export function enforcedLevels(files: readonly InputFile[]): Map<string, string> {
  const levels = new Map<string, string>();
  for (const [ref, o] of objectsOf(files)) {
    if (!ref.startsWith('Namespace ')) continue;
    const labels = (o.metadata as { labels?: Record<string, unknown> }).labels;
    const level = labels?.['pod-security.kubernetes.io/enforce'];
    if (typeof level === 'string') levels.set(ref.slice('Namespace '.length), level);
  }
  return levels;
}

/** `Kind namespace/name` (the engine's object reference) → its namespace. */
function namespaceOf(object: string): string {
  const name = object.slice(object.indexOf(' ') + 1);
  const slash = name.indexOf('/');
  return slash === -1 ? 'default' : name.slice(0, slash);
}

/**
 * Every pod or pod template the namespace's `enforce` level would refuse (`before`: the
 * manifests the scenario starts from, whose unchanged bare Pods were already running), from the engine's
 * Pod Security findings (`pss:<level>/<check>`, evaluated at restricted, so baseline's are
 * among them). Privileged, or no label, admits everything.
 */
export function refusedWorkloads(
  files: readonly InputFile[],
  findings: readonly Finding[],
  before: readonly InputFile[] = [],
): Refusal[] {
  const levels = enforcedLevels(files);
  const now = objectsOf(files);
  const earlier = objectsOf(before);
  const earlierLevels = enforcedLevels(before);
  // Labelling a namespace does not evict its running pods (the API server only warns about
  // them; docs: Pod Security Admission, "Namespace labels"). A bare Pod that ran before the
  // label and has not changed since keeps running; anything new or changed, and every pod a
  // controller creates at its next rollout, must be admitted.
  const runningSinceBefore = (object: string, namespace: string, enforce: string) =>
    object.startsWith('Pod ') &&
    earlierLevels.get(namespace) !== enforce &&
    earlier.has(object) &&
    JSON.stringify(earlier.get(object)) === JSON.stringify(now.get(object));
  const byObject = new Map<string, Refusal>();
  for (const f of findings) {
    const m = /^pss:(baseline|restricted)\/(.+)$/.exec(f.check ?? '');
    if (!m) continue;
    const namespace = namespaceOf(f.object);
    const enforce = levels.get(namespace);
    if (enforce !== 'baseline' && enforce !== 'restricted') continue;
    if (enforce === 'baseline' && m[1] !== 'baseline') continue;
    if (runningSinceBefore(f.object, namespace, enforce)) continue;
    let r = byObject.get(f.object);
    if (!r) {
      r = {
        object: f.object,
        namespace,
        enforce,
        checks: [],
        file: f.location.file,
        line: f.location.line,
      };
      byObject.set(f.object, r);
    }
    if (!r.checks.includes(m[2]!)) r.checks.push(m[2]!);
  }
  return [...byObject.values()];
}
