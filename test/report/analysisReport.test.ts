import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, contribution, type InputFile } from '../../src/engine';
import { analysisJson, analysisJsonText } from '../../src/engine/report/analysisJson';
import { analysisMarkdown } from '../../src/engine/report/analysisMarkdown';
import { assumptionsOf } from '../../src/engine/report/assumptions';
import schema from '../../src/engine/report/analysis.schema.json';
import { loadScenario } from '../../src/scenarios';
import { listScenarioFolders, readScenarioFolder } from '../../src/scenarios/node';
import { fixtures, mut, repo, type MutRun } from '../cli/runMut';

// The page's "Analysis as JSON" and `mut analyze --json` are one document with one schema.

const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
const problems = () => JSON.stringify(validate.errors, null, 2);

const stage1 = `${fixtures}/stage1`;
const stage1Files: InputFile[] = readdirSync(join(repo, stage1))
  .sort()
  .map((name) => ({
    path: `${stage1}/${name}`,
    text: readFileSync(join(repo, stage1, name), 'utf8'),
  }));

let cli: MutRun;
let piped: MutRun;
beforeAll(async () => {
  cli = await mut(['analyze', '--json', stage1]);
  piped = await mut(['analyze', '--json', '-'], {
    input: stage1Files
      .filter((f) => !f.text.includes('kind: ThreatModel'))
      .map((f) => f.text)
      .join('---\n'),
  });
}, 180_000);

describe('the analysis JSON schema', () => {
  it('accepts what the CLI prints, with and without a ThreatModel', () => {
    expect(cli.code).toBe(0);
    expect(validate(JSON.parse(cli.stdout)), problems()).toBe(true);
    expect(piped.code).toBe(0);
    const doc = JSON.parse(piped.stdout) as { assumptions: string[] };
    expect(doc.assumptions.length).toBeGreaterThan(0);
    expect(validate(doc), problems()).toBe(true);
  });

  it('accepts the analysis of every stage start and solution of the library', () => {
    let checked = 0;
    for (const dir of listScenarioFolders(join(repo, 'scenarios'))) {
      const { scenario } = loadScenario(dir, readScenarioFolder(dir));
      for (const stage of scenario?.stages ?? [])
        for (const files of [stage.startFiles, stage.solutionFiles]) {
          const options = { goals: scenario?.goals, start: scenario?.start };
          const doc = analysisJson(analyze(files, options), assumptionsOf(files, options));
          expect(validate(doc), `${dir} ${stage.id}: ${problems()}`).toBe(true);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('refuses a document that breaks the contract', () => {
    const doc = JSON.parse(cli.stdout) as { goals: { mut: unknown }[] };
    doc.goals[0]!.mut = 'one';
    expect(validate(doc)).toBe(false);
    expect(validate({ goals: [], findings: [], diagnostics: [] })).toBe(false);
  });
});

describe('one builder for the page and the CLI', () => {
  it('the page’s builder gives the CLI’s bytes for the same files', () => {
    const result = analyze(stage1Files);
    const added = contribution(stage1Files, {}, result);
    expect(analysisJsonText(result, assumptionsOf(stage1Files, {}), added)).toBe(cli.stdout);
  });
});

describe('the Markdown report', () => {
  const result = analyze(stage1Files);
  const text = analysisMarkdown(analysisJson(result, []), { title: 'Stage 1' });

  it('gives the MUT per goal, the cheapest set, the steps with file:line, the alternatives and the findings', () => {
    const goal = result.goals[0]!;
    expect(text).toContain(`| ${goal.title.replace(/[()]/g, (c) => c)} | 1 | exact |`);
    expect(text).toContain(`1. ${goal.witness!.messUps[0]!.title}`);
    const step = goal.witness!.steps[0]!;
    expect(text).toContain(`\`${step.locations[0]!.file}:${step.locations[0]!.line}\``);
    expect(text).toContain('### Other ways in');
    expect(text).toContain(`## Findings (${result.findings.length})`);
  });

  it('lists the pods that do not run apart from the findings, and the JSON carries them to the schema', () => {
    const files: InputFile[] = [
      {
        path: 'shop.yaml',
        text: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { pod-security.kubernetes.io/enforce: baseline }
---
apiVersion: v1
kind: Pod
metadata: { name: agent, namespace: shop }
spec:
  containers:
    - name: agent
      image: agent:1
      securityContext: { privileged: true }
`,
      },
    ];
    const doc = analysisJson(analyze(files), []);
    expect(doc.refused).toEqual([
      {
        object: 'Pod shop/agent',
        namespace: 'shop',
        by: 'pod-security',
        level: 'baseline',
        checks: ['privileged'],
        location: { file: 'shop.yaml', line: 7, column: 1, endLine: 7, endColumn: 15 },
      },
    ]);
    expect(validate(doc), problems()).toBe(true);
    expect(analysisMarkdown(doc, { title: 'Shop' })).toContain(
      '## Pods that do not run (1)\n\n- Pod shop/agent: Pod Security `baseline` on namespace shop refuses it (privileged) (`shop.yaml:7`)',
    );
  });

  it('escapes Markdown that comes from the manifests', () => {
    const hostile = analysisMarkdown(
      {
        baseline: { id: 'kubeadm', title: 'a <b>kubeadm</b> cluster' },
        goals: [],
        findings: [
          {
            object: 'Pod x/<script>',
            technique: 't',
            message: '**bold** [link](https://evil)',
            references: [],
            location: { file: 'a.yaml', line: 1, column: 1 },
          },
        ],
        refused: [],
        diagnostics: [],
        assumptions: [],
      },
      { title: 'T' },
    );
    expect(hostile).toContain('Pod x/\\<script\\>');
    expect(hostile).toContain('\\*\\*bold\\*\\* \\[link\\](https://evil)');
    expect(hostile).toContain('Baseline: kubeadm (a \\<b\\>kubeadm\\</b\\> cluster).');
  });
});
