import type {
  AnalysisResult,
  Finding,
  GoalResult,
  MessUpTemplateInfo,
  MessUpView,
  SourceLocation,
  TechniqueInfo,
} from '../engine/index.ts';

// SARIF 2.1.0 (docs.oasis-open.org/sarif/sarif/v2.1.0), the format GitHub code scanning and
// most CI dashboards read. One result per finding (its rule: the technique or the Pod
// Security check) and one per mess-up of each goal's cheapest set (its rule: the mess-up
// template), placed at the lines the mess-up would change, with the attack steps as related
// locations. Rules come from the technique catalogue and the mess-up templates.

export const sarifSchema = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  version: string;
  techniques: readonly TechniqueInfo[];
  messUps: readonly MessUpTemplateInfo[];
  /** `check --min N`: mess-ups of a goal below N are errors; otherwise warnings. */
  min?: number;
  /** `check --max-drop N`: the goals the input lowers by more than N, whose mess-ups are errors too. */
  lowered?: readonly string[];
  assumptions: readonly string[];
}

interface Rule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string };
  properties?: { tags: string[] };
}

export function sarifLog(result: AnalysisResult, options: SarifOptions) {
  const rules: Rule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: Rule) => {
    if (!ruleIndex.has(rule.id)) {
      ruleIndex.set(rule.id, rules.length);
      rules.push(rule);
    }
    return ruleIndex.get(rule.id)!;
  };
  for (const t of options.techniques)
    addRule({
      id: t.id,
      name: t.title,
      shortDescription: { text: t.title },
      fullDescription: { text: t.description },
      help: { text: t.remediation },
      properties: { tags: ['technique', ...t.references] },
    });
  for (const m of options.messUps)
    addRule({
      id: m.id,
      name: m.title,
      shortDescription: { text: m.title },
      fullDescription: { text: m.description },
      properties: { tags: ['mess-up', m.category, ...m.references] },
    });

  const results = [
    ...result.goals.flatMap((g) => goalResults(g, options, addRule)),
    ...result.findings.map((f) => findingResult(f, addRule)),
  ];
  return {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mut',
            fullName: 'MUT Lab mess-up tolerance',
            version: options.version,
            informationUri: 'https://www.npmjs.com/package/mut-lab',
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { description: { text: 'where mut was run' } } },
        results,
        properties: { baseline: result.baseline, assumptions: options.assumptions },
      },
    ],
  };
}

function goalResults(
  g: GoalResult,
  options: SarifOptions,
  addRule: (rule: Rule) => number,
): object[] {
  if (g.mut === null || !g.witness) return [];
  const below =
    (options.min !== undefined && (g.exact ? g.mut : g.lowerBound) < options.min) ||
    (options.lowered?.includes(g.goal) ?? false);
  const level = options.min === undefined ? 'warning' : below ? 'error' : 'note';
  const steps = g.witness.steps;
  const stepLocations = steps.flatMap((s) => s.locations);
  const others = g.witness.messUps.length - 1;
  return g.witness.messUps.map((m: MessUpView) => {
    const ruleIndex = addRule({ id: m.template, shortDescription: { text: m.title } });
    const own = m.locations.length ? m.locations : stepLocations.slice(0, 1);
    const text =
      `${g.title}: MUT ${g.mut}${g.exact ? '' : ` (>= ${g.lowerBound} proved)`}` +
      `${options.min !== undefined ? ` (minimum ${options.min})` : ''}. ` +
      `${m.title} (${m.category})${others > 0 ? ` together with ${others} other mess-up${others === 1 ? '' : 's'}` : ''} ` +
      `lets an attacker reach it in ${steps.length} step${steps.length === 1 ? '' : 's'}: ` +
      steps.map((s) => s.technique).join(' → ');
    return {
      ruleId: m.template,
      ruleIndex,
      level,
      message: { text },
      locations: own.map(location),
      relatedLocations: stepLocations.map((l, id) => ({ id, ...location(l) })),
      partialFingerprints: { mutMessUp: `${g.goal}|${m.id}` },
      properties: { goal: g.goal, mut: g.mut, exact: g.exact, messUp: m.id, cost: m.cost },
    };
  });
}

function findingResult(f: Finding, addRule: (rule: Rule) => number): object {
  const id = f.technique ?? f.check ?? 'finding';
  const ruleIndex = addRule({
    id,
    shortDescription: { text: f.message },
    properties: { tags: ['finding', ...f.references] },
  });
  return {
    ruleId: id,
    ruleIndex,
    level: 'warning',
    message: { text: `${f.object}: ${f.message}` },
    locations: [location(f.location)],
    partialFingerprints: { mutFinding: `${id}|${f.object}` },
  };
}

function location(l: SourceLocation) {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(l.file), uriBaseId: 'SRCROOT' },
      region: {
        startLine: Math.max(1, l.line),
        startColumn: Math.max(1, l.column),
        ...(l.endLine !== undefined ? { endLine: l.endLine } : {}),
        ...(l.endColumn !== undefined ? { endColumn: l.endColumn } : {}),
      },
    },
  };
}

/** A relative URI reference: `deploy/rbac.yaml` as it is, `<stdin>` and spaces percent-encoded. */
function artifactUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
