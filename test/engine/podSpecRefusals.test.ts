// What the API server refuses in a pod spec beyond its types (ValidatePodSpec,
// pkg/apis/core/validation/validation.go): volumes, mounts, ports, environment variables and
// container names. A pod so refused never runs, so reading it as running would count ways in a
// cluster does not have: each problem is an error at its own line, and `mut check` fails.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';

/** A Deployment (its pod template is where the checks apply) with `container` and `extra` spec. */
const deployment = (container: string, spec = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: app
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: main
          image: nginx
${container
  .split('\n')
  .map((l) => `          ${l}`)
  .join('\n')}
${spec
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
`;

const errorsOf = (text: string) =>
  analyze([{ path: 'in.yaml', text }])
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ line: d.line, message: d.message }));

describe('volumes and mounts the API server refuses', () => {
  it('a mount naming no volume (a typo for the hostPath volume) is an error at the mount', () => {
    const text = deployment(
      'volumeMounts:\n  - {name: host, mountPath: /host}',
      'volumes:\n  - name: hots\n    hostPath: {path: /}',
    );
    expect(errorsOf(text)).toEqual([
      {
        line: 15,
        message:
          'volume mount "host" names no volume of the pod (its volumes: hots): the API server would refuse this Deployment',
      },
    ]);
  });

  it.each([
    ['Data', /^volume name "Data" is not valid \(lower-case letters/],
    ['data_dir', /^volume name "data_dir" is not valid/],
    ['x'.repeat(64), /^volume name "x{64}" is not valid/],
  ])('volume name %s is an error at the name', (name, message) => {
    const errors = errorsOf(deployment('', `volumes:\n  - name: ${name}\n    emptyDir: {}`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 16 });
    expect(errors[0]!.message).toMatch(message);
  });

  it('two volumes of one name, and a volume with none, are errors', () => {
    const text = deployment(
      '',
      'volumes:\n  - {name: cache, emptyDir: {}}\n  - {name: cache, emptyDir: {}}\n  - {emptyDir: {}}',
    );
    expect(errorsOf(text).map((e) => e.message)).toEqual([
      'two volumes are named "cache": the API server would refuse this Deployment',
      'a volume needs a name: the API server would refuse this Deployment',
    ]);
  });

  it('two mounts at one path, and a mount without a path, are errors', () => {
    const text = deployment(
      'volumeMounts:\n  - {name: a, mountPath: /data}\n  - {name: b, mountPath: /data}\n  - {name: a}',
      'volumes:\n  - {name: a, emptyDir: {}}\n  - {name: b, emptyDir: {}}',
    );
    expect(errorsOf(text).map((e) => e.message)).toEqual([
      'two volume mounts of the container use "/data": the API server would refuse this Deployment',
      'a volume mount needs a mountPath: the API server would refuse this Deployment',
    ]);
  });

  it('mounts that name the pod’s volumes are accepted', () => {
    const text = deployment(
      'volumeMounts:\n  - {name: host-root, mountPath: /host}\n  - {name: cache, mountPath: /cache, readOnly: true}',
      'volumes:\n  - {name: host-root, hostPath: {path: /}}\n  - {name: cache, emptyDir: {}}',
    );
    expect(errorsOf(text)).toEqual([]);
  });
});

describe('ports the API server refuses (validateContainerPorts, IsValidPortName)', () => {
  it.each([
    ['metrics-endpoint-http', 'at most 15 characters'],
    ['HTTP', "only lower-case letters, digits and '-'"],
    ['8080', 'at least one letter'],
    ['web--ui', 'no two hyphens in a row'],
    ['-web', 'no hyphen at either end'],
  ])('port name %s is an error (%s)', (name, why) => {
    const errors = errorsOf(deployment(`ports:\n  - {name: "${name}", containerPort: 80}`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 15 });
    expect(errors[0]!.message).toContain(`port name "${name}" is not valid (`);
    expect(errors[0]!.message).toContain(why);
  });

  it.each([
    ['{name: http, containerPort: 0}', 'a container port needs a containerPort'],
    ['{name: http}', 'a container port needs a containerPort'],
    ['{containerPort: 70000}', 'containerPort 70000 is not between 1 and 65535'],
    ['{containerPort: 80, hostPort: 65536}', 'hostPort 65536 is not between 1 and 65535'],
    ['{containerPort: 80, protocol: tcp}', 'protocol "tcp" is not TCP, UDP or SCTP'],
  ])('%s is an error', (port, message) => {
    expect(errorsOf(deployment(`ports:\n  - ${port}`)).map((e) => e.message)).toEqual([
      `${message}: the API server would refuse this Deployment`,
    ]);
  });

  it('two ports of a container with one name are an error; the same name in two containers is not', () => {
    expect(
      errorsOf(
        deployment(
          'ports:\n  - {name: http, containerPort: 80}\n  - {name: http, containerPort: 81}',
        ),
      ).map((e) => e.message),
    ).toEqual([
      'two ports of the container are named "http": the API server would refuse this Deployment',
    ]);
    const sidecar = deployment(
      'ports:\n  - {name: http, containerPort: 80}',
      'initContainers:\n  - name: proxy\n    image: envoy\n    ports:\n      - {name: http, containerPort: 81}',
    );
    expect(errorsOf(sidecar)).toEqual([]);
  });

  it('valid names and numbers are accepted', () => {
    const text = deployment(
      'ports:\n  - {name: http-metrics, containerPort: 9090, protocol: TCP}\n  - {name: dns, containerPort: 53, protocol: UDP, hostPort: 53}',
    );
    expect(errorsOf(text)).toEqual([]);
  });
});

describe('environment variables the API server refuses (ValidateEnv, IsRelaxedEnvVarName)', () => {
  it.each([
    ['"A=B"', 'environment variable name "A=B" is not valid'],
    ['"CAFÉ"', 'environment variable name "CAFÉ" is not valid'],
    ['""', 'an environment variable needs a name'],
  ])('%s is an error', (name, message) => {
    const errors = errorsOf(deployment(`env:\n  - {name: ${name}, value: x}`));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(new RegExp(`^${message}`));
  });

  // The relaxed rule (any printable ASCII but '=') is the only one in current releases:
  // names the old C-identifier rule refused are accepted.
  it.each(['1ST_RUN', 'my.env-name', 'WITH SPACE', 'a:b'])('%s is accepted', (name) => {
    expect(errorsOf(deployment(`env:\n  - {name: "${name}", value: x}`))).toEqual([]);
  });
});

describe('container names across the pod', () => {
  it('an init container named as a container is an error at its name', () => {
    const text = deployment('', 'initContainers:\n  - name: main\n    image: busybox');
    const errors = errorsOf(text);
    expect(errors).toEqual([
      {
        line: 16,
        message: 'two containers are named "main": the API server would refuse this Deployment',
      },
    ]);
  });
});

describe('a refused pod spec is said, not read as a way in', () => {
  it('a Pod whose hostPath mount names no volume fails the gate instead of passing quietly', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: default}
spec:
  containers:
    - name: shell
      image: busybox
      volumeMounts: [{name: root, mountPath: /host}]
  volumes: [{name: rootfs, hostPath: {path: /}}]
`;
    const result = analyze([{ path: 'debug.yaml', text }]);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        8,
        'volume mount "root" names no volume of the pod (its volumes: rootfs): the API server would refuse this Pod',
      ],
    ]);
  });
});
