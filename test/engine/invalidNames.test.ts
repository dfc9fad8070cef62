// A service account's name is a DNS-1123 subdomain: the API server refuses a pod, or a
// workload whose template names one that is not (ValidatePodSpec in
// pkg/apis/core/validation/validation.go). Such a workload never runs, so the input was read
// differently from the cluster: an error at the name's line, and `mut check` fails.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

const deployment = (serviceAccountName: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: runner
  namespace: ci
spec:
  selector: { matchLabels: { app: runner } }
  template:
    metadata: { labels: { app: runner } }
    spec:
      serviceAccountName: ${JSON.stringify(serviceAccountName)}
      containers:
        - name: app
          image: registry.example.com/runner:1
`;

const errorsOf = (text: string) =>
  analyze([{ path: 'in.yaml', text }]).diagnostics.filter((d) => d.severity === 'error');

describe('a service account name the API server refuses', () => {
  it.each(['ci/runner', 'Runner', '-runner', 'runner-', 'a..b', 'x'.repeat(254)])(
    '%s is an error at its line',
    (name) => {
      const errors = errorsOf(deployment(name));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: 'in.yaml', line: 11 });
      expect(errors[0]!.message).toMatch(
        /^spec\.serviceAccountName .* is not a valid name .*: the API server would refuse this Deployment$/,
      );
    },
  );

  it.each(['runner', 'ci-runner', 'runner.v2', '0runner', 'x'.repeat(253)])(
    '%s is a name it accepts',
    (name) => {
      expect(errorsOf(deployment(name))).toEqual([]);
    },
  );
});

// Each kind's own name rule (pkg/apis/core/validation/validation.go and the apps, batch and
// networking validations): a Service's name is a DNS-1035 label, a Namespace's a DNS-1123
// label, most others a DNS-1123 subdomain; a namespaced object's namespace is a DNS-1123 label.
describe('object names the API server refuses', () => {
  const apiVersion = (kind: string) => (kind === 'StatefulSet' ? 'apps/v1' : 'v1');
  // What each kind needs besides its name to be stored (a Service's ports, a StatefulSet's
  // selector and template), so that the name is the only thing refused.
  const specs: Record<string, string> = {
    Service: 'spec:\n  ports: [{ port: 80 }]\n',
    StatefulSet:
      'spec:\n  selector: { matchLabels: { app: db } }\n  template:\n    metadata: { labels: { app: db } }\n    spec: { containers: [{ name: db, image: postgres }] }\n',
  };
  const object = (kind: string, name: string, namespace = 'app') =>
    `apiVersion: ${apiVersion(kind)}\nkind: ${kind}\nmetadata:\n  name: ${JSON.stringify(name)}\n  namespace: ${JSON.stringify(namespace)}\n${specs[kind] ?? ''}`;

  it.each([
    ['Service', '1web', 'its name'],
    ['Service', 'web.v2', 'its name'],
    ['Pod', 'Web', 'its name'],
    ['Secret', 'db_password', 'its name'],
    ['ConfigMap', 'settings-', 'its name'],
    ['ServiceAccount', 'ci/runner', 'its name'],
  ])('a %s named %s is an error at its name', (kind, name, what) => {
    const errors = errorsOf(object(kind, name));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'in.yaml', line: 4 });
    expect(errors[0]!.message).toMatch(
      new RegExp(`^${kind} app/.*: the API server would refuse it: ${what} ".*" is not valid`),
    );
  });

  it('a namespace that is not a DNS label is an error at the namespace', () => {
    const errors = errorsOf(object('Secret', 'token', 'Team.A'));
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [5, expect.stringMatching(/metadata\.namespace "Team\.A" is not valid/)],
    ]);
  });

  it.each([
    ['Service', 'web-v2'],
    ['Pod', 'web.v2'],
    ['Secret', 'db.password-1'],
    ['StatefulSet', 'db.primary'],
    ['ConfigMap', '0settings'],
  ])('a %s named %s is accepted', (kind, name) => {
    expect(errorsOf(object(kind, name))).toEqual([]);
  });
});

// A container's name is required and a DNS-1123 label (validateContainers): else the pod, or
// the workload, is refused.
describe('container names the API server refuses', () => {
  const pod = (container: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: app}\nspec:\n  containers:\n    - ${container}\n`;

  it.each([
    ['{name: Main, image: nginx}', /^container name "Main" is not valid/],
    ['{name: web.app, image: nginx}', /^container name "web\.app" is not valid/],
    ['{image: nginx}', /^a container needs a name/],
  ])('%s is an error at the container', (container, message) => {
    const errors = errorsOf(pod(container));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 6 });
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.message).toMatch(/the API server would refuse this Pod$/);
  });

  it('a name of lower-case letters, digits and dashes is accepted', () => {
    expect(errorsOf(pod('{name: web-1, image: nginx}'))).toEqual([]);
  });
});
