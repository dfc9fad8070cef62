import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine';
import {
  groupByFolder,
  loadScenario,
  loadScenarios,
  meetsTarget,
  stageMut,
  type Scenario,
} from '../../src/scenarios';
import { listScenarioFolders, readScenarioFolder } from '../../src/scenarios/node';
import { verifyScenario } from '../../src/scenarios/verify';

const folders = listScenarioFolders('scenarios');

function load(dir: string): Scenario {
  const { scenario, errors } = loadScenario(dir, readScenarioFolder(dir));
  expect(errors).toEqual([]);
  return scenario!;
}

describe('the scenario library', () => {
  it('has the eight scenarios, in order, with the worked example first', () => {
    expect(folders.length).toBeGreaterThanOrEqual(8);
    expect(folders[0]).toBe('scenarios/01-worked-example');
  });

  it('loads as a whole: ids and folder numbers are unique', () => {
    const all = Object.fromEntries(folders.map((f) => [f, readScenarioFolder(f)]));
    const { scenarios, errors } = loadScenarios(all);
    expect(errors).toEqual([]);
    expect(scenarios.map((s) => s.folder)).toEqual(folders.map((f) => f.split('/').pop()));
  });

  describe.each(folders)('%s', (dir) => {
    it('loads with no errors', () => {
      const scenario = load(dir);
      expect(scenario.stages.length).toBeGreaterThan(0);
      for (const stage of scenario.stages) {
        expect(stage.hints.length).toBeGreaterThanOrEqual(1);
        expect(stage.brief.trim()).not.toBe('');
      }
    });

    // Two analyses per stage plus the admission and start-up checks: seconds on a busy machine.
    it(
      'declares the MUT the engine computes at every stage, and every solution meets its target',
      {
        timeout: 60_000,
      },
      () => {
        expect(verifyScenario(load(dir), analyze)).toEqual([]);
      },
    );
  });
});

describe('the worked example (docs/mut-model.md)', () => {
  const scenario = load('scenarios/01-worked-example');
  const options = { goals: scenario.goals, start: scenario.start };
  const mutOf = (files: Parameters<typeof analyze>[0]) =>
    stageMut(analyze(files, options), { atLeast: 0 });

  it('goes 1 → 2 → 3', () => {
    const [first, second] = scenario.stages;
    expect(scenario.goals).toEqual(['cluster-admin']);
    expect(scenario.start).toBe('internet');
    expect(mutOf(first!.startFiles)).toBe(1);
    expect(mutOf(second!.startFiles)).toBe(2);
    expect(mutOf(second!.solutionFiles)).toBe(3);
    expect(second!.startFiles).toEqual(first!.solutionFiles);
  });

  it('is MUT 0 once cluster-admin is bound to system:unauthenticated', () => {
    const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: oops
subjects:
  - kind: Group
    name: system:unauthenticated
    apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: ClusterRole
  name: cluster-admin
  apiGroup: rbac.authorization.k8s.io
`;
    const files = [...scenario.stages[0]!.startFiles, { path: 'oops.yaml', text: binding }];
    expect(mutOf(files)).toBe(0);
  });
});

describe('stageMut and meetsTarget', () => {
  const result = (muts: (number | null)[]) =>
    ({
      goals: muts.map((mut, i) => ({ goal: `g${i}`, mut })),
    }) as unknown as ReturnType<typeof analyze>;

  it('takes the minimum over the goals, or the target goal', () => {
    expect(stageMut(result([3, 1, null]), { atLeast: 2 })).toBe(1);
    expect(stageMut(result([3, 1]), { atLeast: 2, goal: 'g0' })).toBe(3);
    expect(stageMut(result([null, null]), { atLeast: 2 })).toBeNull();
  });

  it('counts unreachable as infinity', () => {
    expect(meetsTarget(null, { atLeast: 99 })).toBe(true);
    expect(meetsTarget(2, { atLeast: 2 })).toBe(true);
    expect(meetsTarget(1, { atLeast: 2 })).toBe(false);
  });
});

describe('loader errors name the file and the path', () => {
  const good = readScenarioFolder('scenarios/01-worked-example');
  const broken = (yaml: string, extra: Record<string, string> = {}) =>
    loadScenario('scenarios/02-broken', { ...good, 'scenario.yaml': yaml, ...extra });
  const base = good['scenario.yaml']!.replace('id: worked-example', 'id: broken');

  it('loads the fixture unbroken', () => {
    expect(broken(base).errors).toEqual([]);
  });

  it('reports a schema error at its JSON path', () => {
    const { scenario, errors } = broken(base.replace('atLeast: 3', "atLeast: 'three'"));
    expect(scenario).toBeUndefined();
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'scenarios/02-broken/scenario.yaml',
        path: '/stages/1/target/atLeast',
        message: 'must be number',
      }),
    );
    expect(errors[0]!.line).toBeGreaterThan(1);
  });

  it('reports unknown fields, bad enums and missing fields', () => {
    const yaml = base
      .replace('difficulty: beginner', 'difficulty: easy\ncolour: blue')
      .replace(/^minutes: 10\n/m, '');
    const paths = broken(yaml).errors.map((e) => `${e.path} ${e.message}`);
    expect(paths).toContain('/difficulty must be one of "beginner", "intermediate", "advanced"');
    expect(paths).toContain(" must not have property 'colour'");
    expect(paths).toContain(" must have required property 'minutes'");
  });

  it('reports YAML syntax errors with a line', () => {
    const { errors } = broken('id: [unclosed\n');
    expect(errors[0]).toMatchObject({ file: 'scenarios/02-broken/scenario.yaml', path: '' });
    expect(errors[0]!.line).toBeGreaterThan(0);
  });

  it('checks the cross-references', () => {
    const yaml = base
      .replace('brief: stages/2-private-endpoint/brief.md', 'brief: stages/2/missing.md')
      .replace('debrief: debrief.md', 'debrief: nowhere.md')
      .replace(
        '      - kube-apiserver.yaml\n    solution: stages/1',
        '      - rbac.yml\n    solution: stages/1',
      )
      .replace('id: private-endpoint', 'id: anonymous-auth')
      .replace('atLeast: 3', 'atLeast: 3\n      goal: node-root');
    const messages = broken(yaml).errors.map((e) => `${e.path}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '/debrief: file not found: scenarios/02-broken/nowhere.md',
        '/stages/1/brief: file not found: scenarios/02-broken/stages/2/missing.md',
        "/stages/0/editable/0: rbac.yml is neither in cluster/ nor added by an earlier stage's solution",
        '/stages/0/solution: the solution changes kube-apiserver.yaml, which the stage does not list as editable',
        "/stages/1/id: duplicate stage id 'anonymous-auth'",
        "/stages/1/target/goal: 'node-root' is not one of the scenario's goals (cluster-admin)",
      ]),
    );
  });

  it('checks the folder name against the id', () => {
    const { errors } = loadScenario('scenarios/broken', { ...good });
    expect(errors.map((e) => e.message)).toContainEqual(
      expect.stringContaining('must be named <NN>-<id>'),
    );
    const other = loadScenario('scenarios/03-other', { ...good }).errors;
    expect(other[0]).toMatchObject({ path: '/id', file: 'scenarios/03-other/scenario.yaml' });
  });

  it('refuses an id the page’s addresses reserve for a view (#/your-cluster)', () => {
    const { errors } = loadScenario('scenarios/12-your-cluster', {
      ...good,
      'scenario.yaml': good['scenario.yaml']!.replace('id: worked-example', 'id: your-cluster'),
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ path: '/id', message: expect.stringContaining('is reserved') }),
    );
  });

  it('rejects a second ThreatModel', () => {
    const { errors } = broken(base, {
      'cluster/more.yaml': good['cluster/threat-model.yaml']!,
    });
    expect(errors.map((e) => e.message)).toContainEqual(
      expect.stringContaining('more than one ThreatModel'),
    );
  });

  it('reports duplicate ids and folder numbers across the library', () => {
    const { errors } = loadScenarios({
      '01-worked-example': good,
      '01-worked-example-copy': good,
    });
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('the number 01 is also used')]),
    );
  });
});

describe('groupByFolder', () => {
  it('groups a bundler glob by scenario folder', () => {
    const grouped = groupByFolder({
      '/scenarios/01-a/scenario.yaml': 'x',
      '/scenarios/01-a/cluster/r.yaml': 'y',
      '../scenarios/02-b/debrief.md': 'z',
      '/scenarios/README.md': 'ignored',
    });
    expect(grouped).toEqual({
      '01-a': { 'scenario.yaml': 'x', 'cluster/r.yaml': 'y' },
      '02-b': { 'debrief.md': 'z' },
    });
  });
});
