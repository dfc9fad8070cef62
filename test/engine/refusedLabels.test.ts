// Labels and workload selectors the API server refuses (ValidateLabels for every object;
// pkg/apis/apps/validation/validation.go for the apps kinds' selectors). Such an object is never
// stored, so reading its pods as running counts ways in no cluster has: an error at its line,
// and `mut check` fails.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

const errorsOf = (text: string) =>
  analyze([{ path: 'in.yaml', text }])
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ line: d.line, message: d.message }));

const workload = (kind: string, selector: string, labels = '{ app: web }') => `apiVersion: apps/v1
kind: ${kind}
metadata: { name: web, namespace: app }
spec:
${selector}
  template:
    metadata: { labels: ${labels} }
    spec:
      containers: [{ name: main, image: nginx }]
`;

describe('a workload whose selector the API server refuses', () => {
  it.each(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'])(
    'a %s whose selector does not match its template’s labels is an error at the labels',
    (kind) => {
      expect(errorsOf(workload(kind, '  selector: { matchLabels: { app: api } }'))).toEqual([
        {
          line: 7,
          message: `its selector does not match its pod template’s labels: the API server would refuse ${kind} app/web`,
        },
      ]);
    },
  );

  it.each([
    ['', 4, 'spec.selector is required'],
    ['  selector: {}', 5, 'an empty selector would select every pod'],
    [
      '  selector: { matchExpressions: [{ key: app, operator: in, values: [web] }] }',
      5,
      'operator "in" is not In, NotIn, Exists or DoesNotExist',
    ],
  ])('selector %j: an error at line %i', (selector, line, what) => {
    expect(errorsOf(workload('Deployment', selector))).toEqual([
      { line, message: `${what}: the API server would refuse Deployment app/web` },
    ]);
  });

  it.each([
    '  selector: { matchLabels: { app: web } }',
    '  selector: { matchExpressions: [{ key: app, operator: In, values: [web, api] }] }',
    '  selector: { matchExpressions: [{ key: tier, operator: DoesNotExist }] }',
  ])('%s selects its own pods and is stored', (selector) => {
    expect(errorsOf(workload('Deployment', selector))).toEqual([]);
  });

  it('a ReplicationController whose selector names a label its pods lack is refused', () => {
    const text = `apiVersion: v1
kind: ReplicationController
metadata: { name: web, namespace: app }
spec:
  selector: { app: api }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: main, image: nginx }]
`;
    expect(errorsOf(text)).toEqual([
      {
        line: 5,
        message:
          'its selector does not match its pod template’s labels: the API server would refuse ReplicationController app/web',
      },
    ]);
  });
});

describe('labels the API server refuses', () => {
  it.each([
    ['{ app: "my app" }', 'label value "my app" is not valid'],
    ['{ app: "-web" }', 'label value "-web" is not valid'],
    [`{ app: "${'x'.repeat(64)}" }`, `label value "${'x'.repeat(64)}" is not valid`],
    ['{ "example.com/team/a": x }', 'label key "example.com/team/a" is not valid'],
    ['{ "Example.com/team": x }', 'label key "Example.com/team" is not valid'],
    ['{ "team name": x }', 'label key "team name" is not valid'],
  ])('a Pod labelled %s is an error at the label', (labels, what) => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: app\n  labels: ${labels}\nspec:\n  containers: [{ name: main, image: nginx }]\n`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 6 });
    expect(errors[0]!.message).toContain(what);
    expect(errors[0]!.message).toMatch(/: the API server would refuse Pod app\/web$/);
  });

  it('a pod template’s labels are checked too', () => {
    const errors = errorsOf(
      workload(
        'Deployment',
        '  selector: { matchLabels: { app: web } }',
        '{ app: web, tier: "front end" }',
      ),
    );
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        7,
        "label value \"front end\" is not valid (up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit): the API server would refuse Deployment app/web",
      ],
    ]);
  });

  it.each([
    '{ app.kubernetes.io/name: web, "pod-security.kubernetes.io/enforce": restricted }',
    '{ empty: "", version: v1.2_3 }',
  ])('%s are valid labels', (labels) => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n  labels: ${labels}\n`;
    expect(errorsOf(text)).toEqual([]);
  });
});
