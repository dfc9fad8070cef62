import { defaultBaseline, findBaseline } from '../baselines';
import type { InputFile } from '../types';

// Manifests without a ThreatModel are analysed with the engine's defaults. A number computed
// on defaults nobody chose should say which: the CLI on stderr and in its JSON and SARIF, the
// page beside the map and in its reports. One list, so both say the same.

// `kind: ThreatModel` in YAML or JSON; the engine also checks its apiVersion, so a stray
// match here only means the defaults go unmentioned, never a wrong number.
const threatModelKind = /(^|[\s{,])["']?kind["']?\s*:\s*["']?ThreatModel["']?\s*(,|}|$)/m;

export function hasThreatModel(files: readonly InputFile[]): boolean {
  return files.some((f) => threatModelKind.test(f.text));
}

export function assumptionsOf(
  files: readonly InputFile[],
  options: { goals?: readonly string[]; start?: string; baseline?: string },
): string[] {
  if (hasThreatModel(files)) return [];
  const profile = findBaseline(options.baseline ?? defaultBaseline.id) ?? defaultBaseline;
  const assumed = [
    ...(options.start ? [] : ['attacker on the Internet']),
    `baseline ${profile.id}`,
    `API endpoint ${profile.settings.publicEndpoint ? 'public' : 'private'}`,
    `anonymous authentication ${profile.settings.anonymousAuth ? 'on' : 'off'} unless the manifests say`,
    ...(options.goals?.length ? [] : ['goals cluster-admin and node-root']),
    'every user a binding names holds a kubeconfig that can leak',
  ];
  return assumed;
}
