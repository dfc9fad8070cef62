// Input that is almost right: ThreatModel names with a typo say which valid name was likely
// meant, at their own line; a Kustomize overlay or a Helm chart says how to render it.

import { describe, expect, it } from 'vitest';
import { analyze, type Diagnostic } from '../../src/engine';

const secret = `apiVersion: v1
kind: Secret
metadata: {name: stripe-key, namespace: payments}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: payments}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: api}]
---
`;

function threatModel(spec: string): Diagnostic[] {
  const text = `${secret}apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
${spec}`;
  return withoutPlacementAssumption(analyze([{ path: 'tm.yaml', text }]).diagnostics);
}

/** Where pods run is said of every input with pods and no nodes; not what these tests are about. */
function withoutPlacementAssumption(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => !d.message.startsWith('assumed: pods without placement'));
}

const at = (line: number, severity: string, message: string) =>
  expect.objectContaining({ file: 'tm.yaml', line, severity, message });

describe('a ThreatModel with a typo', () => {
  it('a costs key naming no mess-up template: a warning at its line with the template meant', () => {
    const d = threatModel(`  costs:
    bind-cluster-admn: 3
    kernel-escape-bug:worker: 2
    credentail-leak:alice-kubeconfig: forbidden
    zzzzzzzzzzzzzz: 1
`);
    expect(d).toEqual([
      at(
        21,
        'warning',
        'ThreatModel costs: "bind-cluster-admn" names no mess-up template (did you mean "bind-cluster-admin"?), so it applies to nothing; the templates are listed by mut techniques',
      ),
      at(
        23,
        'warning',
        'ThreatModel costs: "credentail-leak:alice-kubeconfig" names no mess-up template (did you mean "credential-leak:alice-kubeconfig"?), so it applies to nothing; the templates are listed by mut techniques',
      ),
      at(
        24,
        'warning',
        'ThreatModel costs: "zzzzzzzzzzzzzz" names no mess-up template, so it applies to nothing; the templates are listed by mut techniques',
      ),
    ]);
  });

  it('a goal naming a Secret or workload that is not there: a warning at the goal with the one meant', () => {
    const d = threatModel(`  goals:
    - secret:payments/stripe-kye
    - exec:payments/apii
`);
    expect(d).toEqual([
      at(
        21,
        'warning',
        'the goal secret:payments/stripe-kye names a Secret that is not in the manifests (did you mean "secret:payments/stripe-key"?): it is unreachable by definition',
      ),
      at(
        22,
        'warning',
        'the goal exec:payments/apii names a workload that is not in the manifests (did you mean "exec:payments/api"?): it is unreachable by definition',
      ),
    ]);
  });

  it('a start in a workload that is not there: a warning at the start with the one meant', () => {
    const d = threatModel(`  attacker:
    start: pod:payment/api
`);
    expect(d).toEqual([
      at(
        21,
        'warning',
        'the attacker starts in payment/api, a workload that is not in the manifests (did you mean "pod:payments/api"?): the attacker starts from the Internet only',
      ),
    ]);
  });

  it('a goal or start of no known form stays an error (it is left out), and says what was meant', () => {
    const d = threatModel(`  attacker:
    start: internett
  goals: [cluster-admn, node-root]
  atacker: {}
`);
    expect(d).toEqual(
      expect.arrayContaining([
        at(
          21,
          'error',
          'ThreatModel /spec/attacker/start: "internett" is not a place to start (did you mean "internet"?): internet, corporate-network or pod:<namespace>/<workload>',
        ),
        at(
          22,
          'error',
          'ThreatModel /spec/goals/0: "cluster-admn" is not a goal (did you mean "cluster-admin"?): the goals are cluster-admin, node-root, secret:<namespace>/<name> and exec:<namespace>/<workload>',
        ),
        expect.objectContaining({
          severity: 'error',
          message:
            'ThreatModel /spec: must NOT have additional properties (atacker) (did you mean "attacker"?)',
        }),
      ]),
    );
  });
});

describe('an unrendered template in the input', () => {
  const deployment = { path: 'app/deploy.yaml', text: secret };

  it('a kustomization.yaml: a warning that says how to render it, and the file is not read', () => {
    const r = analyze([
      { path: 'app/kustomization.yaml', text: 'resources: [deploy.yaml]\npatches: []\n' },
      deployment,
    ]);
    expect(withoutPlacementAssumption(r.diagnostics)).toEqual([
      expect.objectContaining({
        file: 'app/kustomization.yaml',
        line: 1,
        severity: 'warning',
        message: expect.stringContaining('kubectl kustomize app | mut analyze -'),
      }),
    ]);
  });

  it('a Kustomization object on standard input: the same warning instead of a note', () => {
    const r = analyze([
      {
        path: '<stdin>',
        text: `${secret}apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n`,
      },
    ]);
    expect(withoutPlacementAssumption(r.diagnostics)).toEqual([
      expect.objectContaining({
        line: 16,
        severity: 'warning',
        message: expect.stringContaining('kubectl kustomize DIR | mut analyze -'),
      }),
    ]);
  });

  it('a Chart.yaml: a warning that says how to render the chart; its files stay unread (errors)', () => {
    const r = analyze([
      { path: 'charts/web/Chart.yaml', text: 'apiVersion: v2\nname: web\nversion: 0.1.0\n' },
      { path: 'charts/web/values.yaml', text: 'replicas: 2\n' },
    ]);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'charts/web/Chart.yaml',
          severity: 'warning',
          message: expect.stringContaining('helm template RELEASE charts/web | mut analyze -'),
        }),
        expect.objectContaining({ file: 'charts/web/values.yaml', severity: 'error' }),
      ]),
    );
    expect(
      r.diagnostics.filter((d) => d.file === 'charts/web/Chart.yaml').map((d) => d.severity),
    ).toEqual(['warning', 'error']);
  });
});
