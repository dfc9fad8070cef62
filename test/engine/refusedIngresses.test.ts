// An Ingress the API server refuses is never stored, so it routes nothing: each problem is an
// error at its line (validateIngressRules, validateHTTPIngressPath and validateIngressBackend,
// pkg/apis/networking/validation/validation.go). Read as stored, an Ingress with a lower-case
// `pathType` brought the Internet to the Service behind it.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

const cluster = (ingress: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers: [{ name: web, image: shop/web, ports: [{ containerPort: 8080 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: shop, namespace: shop }
spec:
  selector: { app: shop }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: shop }
spec:
${ingress}
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  goals: [exec:shop/shop]
  vulnerableWorkloads: [shop/shop]
`;

const rule = (path: string, backend = 'service: { name: shop, port: { number: 80 } }') =>
  `  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - ${path}\n            backend: { ${backend} }`;

const run = (ingress: string) => {
  const result = analyze([{ path: 'in.yaml', text: cluster(ingress) }]);
  return {
    mut: result.goals[0]!.mut,
    errors: result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ line: d.line, message: d.message })),
  };
};

const routed = run(rule('path: /\n            pathType: Prefix'));
/** The same cluster with an Ingress to another host's Service only. */
const unrouted = run(
  rule('path: /\n            pathType: Prefix', 'service: { name: other, port: { number: 80 } }'),
);

describe('an Ingress the API server refuses routes nothing', () => {
  it('a stored Ingress brings the Internet to the Service (the cases differ)', () => {
    expect(routed.errors).toEqual([]);
    expect(unrouted.errors).toEqual([]);
    expect(routed.mut).toBeLessThan(unrouted.mut!);
  });

  it.each([
    [
      'path: /\n            pathType: prefix',
      'pathType "prefix" is not Exact, Prefix or ImplementationSpecific',
    ],
    ['path: /', 'a path needs a pathType'],
    ['path: shop\n            pathType: Prefix', 'path "shop" must be absolute'],
    ['path: /a//b\n            pathType: Exact', 'path "/a//b" must not contain "//"'],
    ['path: /a/..\n            pathType: Prefix', 'path "/a/.." must not end with "/." or "/.."'],
  ])('%j is refused', (path, what) => {
    const refused = run(rule(path));
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]!.message).toBe(
      `${what}: the API server would refuse Ingress shop/shop, so it routes nothing`,
    );
    expect(refused.mut).toBe(unrouted.mut);
  });

  it.each([
    [
      'service: { name: shop, port: { number: 80, name: http } }',
      'a service port has a name or a number, not both',
    ],
    ['service: { name: shop }', 'a service backend needs a port name or number'],
    ['service: { name: Shop, port: { number: 80 } }', '"Shop" is not a Service name'],
    ['service: { name: shop, port: { number: 70000 } }', 'port 70000 is not between 1 and 65535'],
  ])('a backend %s is refused', (backend, what) => {
    const refused = run(rule('path: /\n            pathType: Prefix', backend));
    expect(refused.errors.map((e) => e.message)).toEqual([
      `${what}: the API server would refuse Ingress shop/shop, so it routes nothing`,
    ]);
    expect(refused.mut).toBe(unrouted.mut);
  });

  it('a host that is an IP address, and an Ingress with neither rules nor a default backend, are refused', () => {
    expect(
      run(rule('path: /\n            pathType: Prefix').replace('shop.example.com', '10.0.0.1'))
        .errors,
    ).toEqual([
      {
        line: 23,
        message:
          'host "10.0.0.1" must be a DNS name, not an IP address: the API server would refuse Ingress shop/shop, so it routes nothing',
      },
    ]);
    expect(run('  ingressClassName: nginx').errors.map((e) => e.message)).toEqual([
      'an Ingress needs rules or a defaultBackend: the API server would refuse Ingress shop/shop, so it routes nothing',
    ]);
  });

  it.each([
    rule('path: /\n            pathType: ImplementationSpecific'),
    rule('pathType: ImplementationSpecific'),
    rule('path: /api\n            pathType: Exact').replace('shop.example.com', '"*.example.com"'),
    '  defaultBackend: { service: { name: shop, port: { name: http } } }',
  ])('%j is stored', (ingress) => {
    expect(run(ingress).errors).toEqual([]);
  });
});
