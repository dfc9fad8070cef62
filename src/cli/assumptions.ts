import type { InputFile } from '../engine/index.ts';
import { defaultBaseline, findBaseline } from '../engine/baselines/index.ts';

// Manifests piped in without a ThreatModel are analysed with the engine's defaults. A gate
// that passes on defaults nobody chose should say which: on stderr for a reader, in the JSON
// and SARIF for a script.

// `kind: ThreatModel` in YAML or JSON; the engine also checks its apiVersion, so a stray
// match here only means the defaults go unmentioned, never a wrong number.
const threatModelKind = /(^|[\s{,])["']?kind["']?\s*:\s*["']?ThreatModel["']?\s*(,|}|$)/m;

export function assumptionsOf(
  files: readonly InputFile[],
  options: { goals?: readonly string[]; start?: string; baseline: string },
): string[] {
  if (files.some((f) => threatModelKind.test(f.text))) return [];
  const profile = findBaseline(options.baseline) ?? defaultBaseline;
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

export function assumptionLine(assumed: readonly string[]): string {
  return `mut: assumed: ${assumed.join(', ')}: no ThreatModel given (docs/threat-model.md)\n`;
}
