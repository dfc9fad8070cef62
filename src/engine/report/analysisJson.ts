import type {
  AlternativeView,
  AnalysisResult,
  BaselineView,
  Finding,
  GoalResult,
  MessUpView,
  RefusedPodView,
  StepView,
} from '../result';
import type { Contribution, GoalContribution } from '../contribution';
import type { Diagnostic, SourceLocation } from '../types';

// The `--json` document of `mut analyze` (docs/cli.md, "JSON output"), also what the page's
// "Analysis as JSON" report downloads: one builder, so the two never drift apart. A stable
// contract for scripts: fields are named here explicitly rather than passed through, and
// run-time statistics (timings) are left out so that the same input prints the same bytes.
// Its JSON Schema: analysis.schema.json beside this file.

export interface AnalysisJson {
  baseline: BaselineView;
  goals: GoalJson[];
  findings: FindingJson[];
  refused: RefusedPodView[];
  diagnostics: Diagnostic[];
  /** The defaults assumed because no ThreatModel was given (assumptions.ts); empty with one. */
  assumptions: string[];
}

export interface GoalJson {
  goal: string;
  title: string;
  mut: number | null;
  lowerBound: number | null;
  exact: boolean;
  witness: { messUps: MessUpJson[]; steps: StepJson[] } | null;
  alternatives: { messUps: MessUpJson[]; cost: number }[];
  alternativesTruncated: boolean;
  contribution?: ContributionJson;
}

interface ContributionJson {
  baselineMut: number | null;
  comparable: boolean;
  lowers: boolean;
  drop: number | null;
  opened: { messUps: MessUpJson[]; cost: number }[];
}

export interface MessUpJson {
  id: string;
  template: string;
  title: string;
  category: string;
  cost: number;
  locations: SourceLocation[];
}

export interface StepJson {
  technique: string;
  title: string;
  from: string;
  to: string;
  messUps: string[];
  locations: SourceLocation[];
}

export interface FindingJson {
  object: string;
  technique?: string;
  check?: string;
  message: string;
  references: readonly string[];
  location: SourceLocation;
}

export function analysisJson(
  result: AnalysisResult,
  assumptions: readonly string[],
  contribution?: Contribution,
): AnalysisJson {
  return {
    baseline: { id: result.baseline.id, title: result.baseline.title },
    goals: result.goals.map((g, i) => {
      const c = contribution?.goals[i];
      return c ? { ...goalJson(g), contribution: contributionJson(c) } : goalJson(g);
    }),
    findings: result.findings.map(findingJson),
    refused: result.refused,
    diagnostics: result.diagnostics,
    assumptions: [...assumptions],
  };
}

/** The document as `mut analyze --json` prints it (two-space indent, a final newline). */
export function analysisJsonText(
  result: AnalysisResult,
  assumptions: readonly string[],
  contribution?: Contribution,
): string {
  return JSON.stringify(analysisJson(result, assumptions, contribution), null, 2) + '\n';
}

function goalJson(g: GoalResult): GoalJson {
  return {
    goal: g.goal,
    title: g.title,
    mut: g.mut,
    lowerBound: g.mut === null ? null : g.lowerBound,
    exact: g.exact,
    witness: g.witness
      ? { messUps: g.witness.messUps.map(messUpJson), steps: g.witness.steps.map(stepJson) }
      : null,
    alternatives: g.alternatives.map((a) => ({
      messUps: a.messUps.map(messUpJson),
      cost: a.cost,
    })),
    alternativesTruncated: g.alternativesTruncated,
  };
}

function contributionJson(c: GoalContribution): ContributionJson {
  return {
    baselineMut: c.baselineMut,
    comparable: c.comparable,
    lowers: c.lowers,
    drop: c.drop,
    opened: c.opened.map((w: AlternativeView) => ({
      messUps: w.messUps.map(messUpJson),
      cost: w.cost,
    })),
  };
}

function messUpJson(m: MessUpView): MessUpJson {
  return {
    id: m.id,
    template: m.template,
    title: m.title,
    category: m.category,
    cost: m.cost,
    locations: m.locations,
  };
}

function stepJson(s: StepView): StepJson {
  return {
    technique: s.technique,
    title: s.title,
    from: s.from,
    to: s.to,
    messUps: s.messUps,
    locations: s.locations,
  };
}

function findingJson(f: Finding): FindingJson {
  return {
    object: f.object,
    ...(f.technique !== undefined ? { technique: f.technique } : {}),
    ...(f.check !== undefined ? { check: f.check } : {}),
    message: f.message,
    references: f.references,
    location: f.location,
  };
}
