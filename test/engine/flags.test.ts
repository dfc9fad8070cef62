// Values and command lines read as the Kubernetes binaries read them (model/flags.ts):
// Go's strconv.ParseBool and ParseInt(s, 0, 64), and spf13/pflag's command-line rules.

import { describe, expect, it } from 'vitest';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseGoBool, parseGoInt, readCommandLine } from '../../src/engine/model/flags.ts';

describe('parseGoBool (strconv.ParseBool)', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('%s is true', (v) => {
    expect(parseGoBool(v)).toBe(true);
  });
  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('%s is false', (v) => {
    expect(parseGoBool(v)).toBe(false);
  });
  it.each(['fals', 'yes', 'no', 'tRUE', ' true', 'true ', '', 'on', '2'])('%j is refused', (v) => {
    expect(parseGoBool(v)).toBeUndefined();
  });
});

describe('parseGoInt (strconv.ParseInt with base 0)', () => {
  it.each([
    ['10255', 10255],
    ['0', 0],
    ['+8080', 8080],
    ['-1', -1],
    ['0x2827', 10279],
    ['0o17', 15],
    ['017', 15],
    ['0b101', 5],
    ['10_255', 10255],
  ])('%s is %d', (v, n) => {
    expect(parseGoInt(v)).toBe(n);
  });
  it.each(['', '8080a', '1e3', '0x', '08', '_1', '1_', '1__0', ' 1', '10255.0'])(
    '%j is refused',
    (v) => {
      expect(parseGoInt(v)).toBeUndefined();
    },
  );
});

function commandLine(args: string[], booleans: string[]) {
  const text = `apiVersion: v1
kind: Pod
metadata: { name: kube-apiserver, namespace: kube-system }
spec:
  containers:
    - name: kube-apiserver
      command: ${JSON.stringify(['kube-apiserver', ...args])}
`;
  const [object] = readObjects(parseFiles([{ path: 'a.yaml', text }]).documents).objects;
  const container = (object!.raw.spec as { containers: unknown[] }).containers[0];
  return readCommandLine(
    object!,
    ['spec', 'containers', 0],
    container,
    'kube-apiserver',
    new Set(booleans),
  );
}

describe('readCommandLine (pflag)', () => {
  it('reads --name=value, and a bare boolean flag as true', () => {
    const line = commandLine(['--anonymous-auth', '--bind-address=10.0.0.10'], ['anonymous-auth']);
    expect(line.flags.get('anonymous-auth')?.map((f) => f.value)).toEqual(['true']);
    expect(line.flags.get('bind-address')?.map((f) => f.value)).toEqual(['10.0.0.10']);
    expect(line.problems).toEqual([]);
  });

  it('gives a non-boolean flag the next argument, whatever it is', () => {
    const line = commandLine(['--authorization-mode', 'Node,RBAC', '--token-auth-file', '--x'], []);
    expect(line.flags.get('authorization-mode')?.[0]?.value).toBe('Node,RBAC');
    expect(line.flags.get('token-auth-file')?.[0]?.value).toBe('--x');
  });

  it('never gives a boolean flag the next argument: "false" is left over, and refused', () => {
    const line = commandLine(['--anonymous-auth', 'false'], ['anonymous-auth']);
    expect(line.flags.get('anonymous-auth')?.[0]?.value).toBe('true');
    expect(line.problems.map((p) => p.message)).toEqual([
      'kube-apiserver takes no arguments, got "false" (a boolean flag takes its value after "=": --anonymous-auth=false)',
    ]);
  });

  it('keeps every occurrence of a repeated flag, in order', () => {
    const line = commandLine(['--authorization-mode=Node', '--authorization-mode=RBAC'], []);
    expect(line.flags.get('authorization-mode')?.map((f) => f.value)).toEqual(['Node', 'RBAC']);
  });

  it('refuses a non-boolean flag with no value at the end', () => {
    const line = commandLine(['--bind-address'], []);
    expect(line.problems.map((p) => p.message)).toEqual(['flag needs an argument: --bind-address']);
  });
});
