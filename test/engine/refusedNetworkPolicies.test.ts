// A NetworkPolicy the API server refuses is never stored: it isolates nothing, and each
// problem is an error at its line (ValidateNetworkPolicySpec and ValidateLabelSelector,
// pkg/apis/networking/validation/validation.go and apimachinery's meta/v1 validation).
// Read as stored, a refused policy can look like the strictest one: a misspelt operator in a
// peer matches no pod, so every door looked shut while the cluster had no policy at all.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

const cluster = (peer: string, extra = '') => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { team: frontend }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec:
  automountServiceAccountToken: false
  containers: [{ name: main, image: web }]
---
apiVersion: v1
kind: Pod
metadata: { name: db, namespace: data, labels: { app: db } }
spec:
  containers: [{ name: postgres, image: postgres:9, ports: [{ containerPort: 5432 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-from-backend
  namespace: data
spec:
  podSelector:
    matchLabels: { app: db }
  policyTypes: [Ingress]
  ingress:
    - from:
        - ${peer}
${extra}---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata:
  name: cluster
spec:
  attacker:
    start: pod:shop/web
  goals: [exec:data/db]
  vulnerableWorkloads: [data/db]
  cloud:
    metadata: false
  costs:
    network-policy-removed: forbidden
`;

const run = (text: string) => {
  const result = analyze([{ path: 'in.yaml', text }]);
  return {
    mut: result.goals[0]!.mut,
    errors: result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ line: d.line, message: d.message })),
  };
};

/** What the cluster is without the policy: the web pod reaches the database. */
const open = run(
  cluster('podSelector: {}').replace(/---\napiVersion: networking[^]*?---\n/, '---\n'),
);
/** A policy the API server stores, admitting only namespaces of team backend. */
const shut = run(
  cluster(
    'namespaceSelector: { matchExpressions: [{ key: team, operator: In, values: [backend] }] }',
  ),
);

describe('a NetworkPolicy the API server refuses isolates nothing', () => {
  it('the stored policy shuts the door the open cluster has (the cases differ)', () => {
    expect(open.errors).toEqual([]);
    expect(shut.errors).toEqual([]);
    expect(open.mut).not.toBe(shut.mut);
  });

  it.each([
    [
      'namespaceSelector: { matchExpressions: [{ key: team, operator: in, values: [backend] }] }',
      31,
      'operator "in" is not In, NotIn, Exists or DoesNotExist',
    ],
    [
      'namespaceSelector: { matchExpressions: [{ key: team, operator: In }] }',
      31,
      'operator In needs values',
    ],
    [
      'namespaceSelector: { matchExpressions: [{ key: team, operator: Exists, values: [x] }] }',
      31,
      'operator Exists takes no values',
    ],
    [
      'namespaceSelector: { matchLabels: { team: "back end" } }',
      31,
      'label value "back end" is not valid',
    ],
    [
      'namespaceSelector: { matchLabels: { "team/a/b": backend } }',
      31,
      'label key "team/a/b" is not valid',
    ],
    [
      '{ ipBlock: { cidr: 10.0.0.0/8 }, podSelector: {} }',
      31,
      'a peer with an ipBlock may not also',
    ],
    ['{}', 31, 'a peer needs a podSelector, a namespaceSelector or an ipBlock'],
    ['ipBlock: { cidr: 10.0.0.0/33 }', 31, '"10.0.0.0/33" is not a CIDR'],
    ['ipBlock: { cidr: 10.0.0.0/8, except: [192.168.0.0/16] }', 31, 'is not a strict subset'],
    ['ipBlock: { cidr: 10.0.0.0/8, except: [10.0.0.0/8] }', 31, 'is not a strict subset'],
  ])('%s: an error at line %i, and the door is as open as with no policy', (peer, line, what) => {
    const refused = run(cluster(peer));
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]!.line).toBe(line);
    expect(refused.errors[0]!.message).toMatch(
      /: the API server would refuse NetworkPolicy data\/db-from-backend, so it isolates nothing$/,
    );
    expect(refused.errors[0]!.message).toContain(what);
    expect(refused.mut).toBe(open.mut);
  });

  it.each([
    ['ports: [{ port: 5432, protocol: tcp }]', 'protocol "tcp" is not TCP, UDP or SCTP'],
    ['ports: [{ port: 70000 }]', 'port 70000 is not between 1 and 65535'],
    ['ports: [{ port: 5432, endPort: 5000 }]', 'endPort 5000 is below port 5432'],
    ['ports: [{ port: postgres-port-name, endPort: 6000 }]', 'endPort needs a numeric port'],
    ['ports: [{ endPort: 6000 }]', 'endPort needs a port'],
  ])('a rule with %s is refused', (ports, what) => {
    const refused = run(
      cluster(
        'namespaceSelector: { matchExpressions: [{ key: team, operator: In, values: [backend] }] }',
      ).replace('    - from:\n', `    - ${ports}\n      from:\n`),
    );
    expect(refused.errors.map((e) => e.message).join('\n')).toContain(what);
    expect(refused.mut).toBe(open.mut);
  });

  it('a policy type other than Ingress or Egress is refused', () => {
    const refused = run(
      cluster(
        'namespaceSelector: { matchExpressions: [{ key: team, operator: In, values: [backend] }] }',
      ).replace('policyTypes: [Ingress]', 'policyTypes: [ingress]'),
    );
    expect(refused.errors).toEqual([
      {
        line: 28,
        message:
          'policy type "ingress" is not Ingress or Egress: the API server would refuse NetworkPolicy data/db-from-backend, so it isolates nothing',
      },
    ]);
    expect(refused.mut).toBe(open.mut);
  });

  it.each([
    'ipBlock: { cidr: 010.0.0.0/8, except: [10.1.0.0/16] }',
    'ipBlock: { cidr: "2001:db8::/32", except: ["2001:db8:1::/48"] }',
    'namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: backend, team: "" } }',
    'namespaceSelector: { matchExpressions: [{ key: team, operator: DoesNotExist }] }',
  ])('%s is stored', (peer) => {
    expect(run(cluster(peer)).errors).toEqual([]);
  });
});
