// Engine results → Monaco markers for one file, in one pure function (no Monaco import:
// severities use Monaco's numeric values, so this runs and is tested in Node).
import type { Diagnostic, GoalResult, SourceLocation } from '../../engine';

/** Monaco's `MarkerSeverity` values. */
export const MarkerSeverity = { Hint: 1, Info: 2, Warning: 4, Error: 8 } as const;

export interface MarkerData {
  severity: (typeof MarkerSeverity)[keyof typeof MarkerSeverity];
  message: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

const severityOf: Record<Diagnostic['severity'], MarkerData['severity']> = {
  error: MarkerSeverity.Error,
  warning: MarkerSeverity.Warning,
  info: MarkerSeverity.Info,
};

function range(at: SourceLocation | Diagnostic) {
  const endLineNumber = at.endLine ?? at.line;
  // A zero-width marker is invisible: without an end, mark to the end of the line.
  const endColumn = at.endColumn ?? (endLineNumber === at.line ? at.column + 1000 : 1000);
  return {
    startLineNumber: at.line,
    startColumn: at.column,
    endLineNumber,
    endColumn: endLineNumber === at.line && endColumn <= at.column ? at.column + 1 : endColumn,
  };
}

/**
 * The markers of `file`: the analysis diagnostics at their positions, each witness step's
 * enabling lines ("enables: …") and each witness mess-up's lines ("the attacker needs this
 * defence broken: …"). Markers on the same range and message are merged.
 */
export function markersFor(
  file: string,
  diagnostics: readonly Diagnostic[],
  goals: readonly GoalResult[],
): MarkerData[] {
  const markers: MarkerData[] = [];
  const seen = new Set<string>();
  const push = (marker: MarkerData) => {
    const key = `${marker.startLineNumber}:${marker.startColumn}:${marker.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    markers.push(marker);
  };
  for (const diagnostic of diagnostics) {
    if (diagnostic.file !== file) continue;
    push({
      severity: severityOf[diagnostic.severity],
      message: diagnostic.message,
      source: 'MUT Lab',
      ...range(diagnostic),
    });
  }
  for (const goal of goals) {
    const witness = goal.witness;
    if (!witness) continue;
    for (const step of witness.steps) {
      for (const at of step.locations) {
        if (at.file !== file) continue;
        push({
          severity: step.messUps.length ? MarkerSeverity.Info : MarkerSeverity.Warning,
          message: `enables: ${step.title}`,
          source: 'MUT Lab attack path',
          ...range(at),
        });
      }
    }
    for (const messUp of witness.messUps) {
      for (const at of messUp.locations) {
        if (at.file !== file) continue;
        push({
          severity: MarkerSeverity.Info,
          message: `the attacker needs this defence broken: ${messUp.title}`,
          source: 'MUT Lab attack path',
          ...range(at),
        });
      }
    }
  }
  return markers.sort(
    (a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn,
  );
}
