// The defaults assumed without a ThreatModel: the list is the engine's (shared with the page),
// the line on stderr is the CLI's.
export { assumptionsOf } from '../engine/report/assumptions.ts';

export function assumptionLine(assumed: readonly string[]): string {
  return `mut: assumed: ${assumed.join(', ')}: no ThreatModel given (docs/threat-model.md)\n`;
}
