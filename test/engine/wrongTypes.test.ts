// A field of the wrong type in a kind the engine models is an error at its line: the API
// server could not decode the object, and the engine's readers would have taken the field
// as absent (a privileged container or a binding silently gone). The analysis is then
// incomplete, so `mut check` fails.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

const errorsOf = (text: string) =>
  analyze([{ path: 'in.yaml', text }]).diagnostics.filter((d) => d.severity === 'error');

const pod = (spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: app\nspec:\n${spec}`;

describe('wrong value types in known kinds', () => {
  it.each([
    [
      'containers: "nginx"',
      pod('  containers: "nginx"\n'),
      7,
      /^spec\.containers is a string where Kubernetes expects a list: the API server would refuse this Pod/,
    ],
    [
      'securityContext: true',
      pod('  containers:\n    - name: app\n      image: nginx\n      securityContext: true\n'),
      10,
      /^spec\.containers\[0\]\.securityContext is true where Kubernetes expects a mapping of fields/,
    ],
    [
      'replicas: "three"',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "three"\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers: [{ name: app, image: nginx }]\n',
      6,
      /^spec\.replicas is a string where Kubernetes expects a number/,
    ],
    [
      'rules: {} in a Role',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: app\nrules: {}\n',
      6,
      /^rules is a mapping where Kubernetes expects a list: the API server would refuse this Role/,
    ],
    [
      'subjects: foo',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\nsubjects: foo\n',
      6,
      /^subjects is a string where Kubernetes expects a list/,
    ],
    [
      'privileged: "yes" (a string, not a boolean)',
      pod(
        '  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: "yes"\n',
      ),
      11,
      /^spec\.containers\[0\]\.securityContext\.privileged is a string where Kubernetes expects true or false/,
    ],
    [
      'a label that is a number',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  labels:\n    version: 2\n',
      6,
      /^metadata\.labels\.version is an integer where Kubernetes expects a string/,
    ],
  ])('%s is an error at its line', (_, text, line, message) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.line).toBe(line);
  });

  it('inside a List, at the item’s own line', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: { name: a }\n  spec: { containers: [] }\n- apiVersion: v1\n  kind: Pod\n  metadata: { name: b }\n  spec:\n    containers: 42\n';
    const [e] = errorsOf(text);
    expect(e!.message).toMatch(/^spec\.containers is an integer where Kubernetes expects a list/);
    expect(e!.line).toBe(12);
  });

  it('accepts what the API server decodes: int-or-string ports, quantities, nulls, unknown fields', () => {
    const text = `apiVersion: v1
kind: Service
metadata: { name: s, namespace: app, annotations: null }
spec:
  ports:
    - { name: http, port: 80, targetPort: http }
    - { name: https, port: 443, targetPort: 8443 }
  selector: { app: web }
  somethingNew: { x: 1 }
---
${pod(`  containers:
    - name: app
      image: nginx
      resources: { limits: { cpu: 500m, memory: 1 } }
      securityContext: null
`)}`;
    expect(errorsOf(text)).toEqual([]);
  });

  it('leaves kinds of other API groups alone (a CRD named Role)', () => {
    expect(
      errorsOf('apiVersion: example.com/v1\nkind: Role\nmetadata: { name: r }\nrules: {}\n'),
    ).toEqual([]);
  });

  it('reports at most five per object', () => {
    const env = Array.from({ length: 9 }, (_, i) => `        - { name: V${i}, value: ${i} }`);
    const errors = errorsOf(
      pod(`  containers:\n    - name: app\n      image: nginx\n      env:\n${env.join('\n')}\n`),
    );
    expect(errors).toHaveLength(5);
    expect(errors[0]!.message).toMatch(/^spec\.containers\[0\]\.env\[0\]\.value is an integer/);
  });
});
