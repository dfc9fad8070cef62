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
  options: { goals?: readonly string[]; start?: string },
): string[] {
  if (hasThreatModel(files)) return [];
  const assumed = [
    ...(options.start ? [] : ['attacker on the Internet']),
    'API endpoint public',
    'anonymous authentication as in the manifests',
    ...(options.goals?.length ? [] : ['goals cluster-admin and node-root']),
    'every user a binding names holds a kubeconfig that can leak',
  ];
  return assumed;
}
