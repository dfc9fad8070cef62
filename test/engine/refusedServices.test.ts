// A Service the API server refuses is never stored, so it exposes nothing: each problem is an
// error at its line (ValidateService and validateServicePort,
// pkg/apis/core/validation/validation.go). Read as stored, a LoadBalancer whose ports the API
// server refuses still brought the Internet to the workload behind it.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

const cluster = (service: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers: [{ name: web, image: shop/web, ports: [{ containerPort: 8080, name: http }] }]
---
apiVersion: v1
kind: Service
metadata: { name: shop, namespace: shop }
spec:
  selector: { app: shop }
${service}
---
apiVersion: mutlab.dev/v1alpha1
kind: ThreatModel
metadata: { name: cluster }
spec:
  goals: [exec:shop/shop]
  vulnerableWorkloads: [shop/shop]
`;

const run = (service: string) => {
  const result = analyze([{ path: 'in.yaml', text: cluster(service) }]);
  return {
    mut: result.goals[0]!.mut,
    errors: result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ line: d.line, message: d.message })),
  };
};

const exposed = run('  type: LoadBalancer\n  ports: [{ port: 80, targetPort: 8080 }]');
const internal = run('  type: ClusterIP\n  ports: [{ port: 80, targetPort: 8080 }]');

describe('a Service the API server refuses exposes nothing', () => {
  it('a stored LoadBalancer exposes the workload a ClusterIP Service does not (the cases differ)', () => {
    expect(exposed.errors).toEqual([]);
    expect(internal.errors).toEqual([]);
    expect(exposed.mut).toBeLessThan(internal.mut!);
  });

  it.each([
    [
      '  type: Loadbalancer\n  ports: [{ port: 80 }]',
      16,
      'type "Loadbalancer" is not ClusterIP, NodePort, LoadBalancer or ExternalName',
    ],
    [
      '  type: LoadBalancer\n  ports: [{ name: web, port: 80 }, { port: 443 }]',
      17,
      'each port needs a name when a Service has several',
    ],
    [
      '  type: LoadBalancer\n  ports: [{ name: Web, port: 80 }]',
      17,
      'port name "Web" is not valid',
    ],
    [
      '  type: LoadBalancer\n  ports: [{ name: web, port: 80 }, { name: web, port: 443 }]',
      17,
      'two ports are named "web"',
    ],
    ['  type: LoadBalancer\n  ports: [{ port: 0 }]', 17, 'port 0 is not between 1 and 65535'],
    [
      '  type: LoadBalancer\n  ports: [{ targetPort: 8080 }]',
      17,
      'a Service port needs a port number',
    ],
    [
      '  type: LoadBalancer\n  ports: [{ port: 80, targetPort: "8080" }]',
      17,
      'targetPort "8080" is not a port name',
    ],
    [
      '  type: LoadBalancer\n  ports: [{ port: 80, protocol: http }]',
      17,
      'protocol "http" is not TCP, UDP or SCTP',
    ],
    ['  type: LoadBalancer', 14, 'a Service needs ports'],
    [
      '  type: NodePort\n  clusterIP: None\n  ports: [{ port: 80 }]',
      17,
      'clusterIP None is not allowed on a NodePort Service',
    ],
  ])(
    '%s: an error at line %i, and the workload is as unexposed as behind a ClusterIP',
    (service, line, what) => {
      const refused = run(service);
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors[0]!.line).toBe(line);
      expect(refused.errors[0]!.message).toMatch(
        /: the API server would refuse Service shop\/shop, so it exposes nothing$/,
      );
      expect(refused.errors[0]!.message).toContain(what);
      expect(refused.mut).toBe(internal.mut);
    },
  );

  it('a node port on a ClusterIP Service is refused', () => {
    expect(run('  ports: [{ port: 80, nodePort: 30080 }]').errors.map((e) => e.message)).toEqual([
      'a ClusterIP Service may not set a nodePort: the API server would refuse Service shop/shop, so it exposes nothing',
    ]);
  });

  it.each([
    '  type: LoadBalancer\n  ports: [{ port: 80, targetPort: http }]',
    '  type: NodePort\n  ports: [{ name: web, port: 80, nodePort: 30080 }, { name: tls, port: 443, protocol: TCP }]',
    '  clusterIP: None',
    '  type: ExternalName\n  externalName: db.example.com.',
  ])('%s is stored', (service) => {
    expect(run(service).errors).toEqual([]);
  });
});
