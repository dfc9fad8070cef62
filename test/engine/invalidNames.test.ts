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
  template:
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
      expect(errors[0]).toMatchObject({ file: 'in.yaml', line: 9 });
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
