// The ThreatModel of "Your cluster" is a document in the editor like any other: the page's
// attacker and goal pickers read it and write it, so what is analysed is always what is shown.
// Rewritten with `yaml`'s document API, which keeps the user's comments and other fields.
import { parseAllDocuments, type Document } from 'yaml';
import type { InputFile } from '../../engine';
import { hasThreatModel } from '../../engine/report/assumptions';

export interface ThreatPicks {
  start: string;
  goals: string[];
  /** The control-plane profile (`spec.baseline`); unset: the engine's default, kubeadm. */
  baseline?: string;
}

/** The file the page adds when the user's own files carry no ThreatModel. */
export const addedThreatModelPath = 'threat-model.yaml';
export const defaultPicks: ThreatPicks = {
  start: 'internet',
  goals: ['cluster-admin', 'node-root'],
};

export function newThreatModel(picks: ThreatPicks): string {
  return [
    '# Added by MUT Lab: where the attacker starts and what it wants (docs/threat-model.md).',
    '# The page\u2019s pickers write this file; edit it here for the rest (credentials, costs, ...).',
    'apiVersion: mutlab.dev/v1alpha1',
    'kind: ThreatModel',
    'metadata:',
    '  name: your-cluster',
    'spec:',
    '  attacker:',
    // Plain scalars: the start and goal patterns (docs/threat-model.md) need no quotes.
    `    start: ${picks.start}`,
    '  goals:',
    ...picks.goals.map((g) => `    - ${g}`),
    ...(picks.baseline ? [`  baseline: ${picks.baseline}`] : []),
    '',
  ].join('\n');
}

/** The imported files, with a ThreatModel added when none of them has one. */
export function withThreatModel(files: InputFile[]): InputFile[] {
  if (hasThreatModel(files)) return files;
  const taken = new Set(files.map((f) => f.path));
  let path = addedThreatModelPath;
  for (let n = 2; taken.has(path); n++) path = `threat-model-${n}.yaml`;
  return [...files, { path, text: newThreatModel(defaultPicks) }];
}

function threatDocument(text: string): { docs: Document[]; doc: Document } | null {
  let docs: Document[];
  try {
    docs = parseAllDocuments(text) as Document[];
  } catch {
    return null;
  }
  if (!Array.isArray(docs)) return null;
  const doc = docs.find((d) => d.errors.length === 0 && d.get('kind') === 'ThreatModel');
  return doc ? { docs, doc } : null;
}

/** The file holding the ThreatModel and what it says; null when none reads. */
export function readPicks(
  files: readonly InputFile[],
): { path: string; picks: ThreatPicks } | null {
  for (const file of files) {
    if (!hasThreatModel([file])) continue;
    const found = threatDocument(file.text);
    if (!found) continue;
    const spec = found.doc.toJS() as {
      spec?: { attacker?: { start?: unknown }; goals?: unknown; baseline?: unknown };
    };
    const start = spec.spec?.attacker?.start;
    const goals = spec.spec?.goals;
    const baseline = spec.spec?.baseline;
    return {
      path: file.path,
      picks: {
        start: typeof start === 'string' ? start : defaultPicks.start,
        goals: Array.isArray(goals)
          ? goals.filter((g): g is string => typeof g === 'string')
          : [...defaultPicks.goals],
        ...(typeof baseline === 'string' ? { baseline } : {}),
      },
    };
  }
  return null;
}

/** `text` with the ThreatModel's start, goals and baseline set to `picks`; null when it does not parse. */
export function writePicks(text: string, picks: ThreatPicks): string | null {
  const found = threatDocument(text);
  if (!found) return null;
  found.doc.setIn(['spec', 'attacker', 'start'], picks.start);
  found.doc.setIn(['spec', 'goals'], found.doc.createNode([...picks.goals]));
  if (picks.baseline) found.doc.setIn(['spec', 'baseline'], picks.baseline);
  return found.docs.map((d) => d.toString({ lineWidth: 0 })).join('');
}
