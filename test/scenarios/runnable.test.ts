// A scenario's cluster must be one a real cluster could run: Pod Security admission admits
// its workloads, and its control plane starts and reaches etcd. These checks are part of
// `mut scenario verify` (src/scenarios/verify.ts).

import { describe, expect, it } from 'vitest';
import { analyze, type InputFile } from '../../src/engine';
import type { Scenario, StageInfo } from '../../src/scenarios';
import { refusedWorkloads } from '../../src/scenarios/admission';
import { imageVersion, startProblems } from '../../src/scenarios/runnable';
import { verifyScenario } from '../../src/scenarios/verify';

const namespace = (level?: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop${level ? `\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}` : ''}
`;

const plainDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  selector: { matchLabels: { app: frontend } }
  template:
    metadata:
      labels: { app: frontend }
    spec:
      containers:
        - name: web
          image: shop/frontend:1
`;

const restrictedDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  selector: { matchLabels: { app: frontend } }
  template:
    metadata:
      labels: { app: frontend }
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: web
          image: shop/frontend:1
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
`;

const privilegedPod = `apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: shop
spec:
  containers:
    - name: agent
      image: agent:1
      securityContext: { privileged: true }
`;

function refused(files: InputFile[], before?: InputFile[]) {
  const start = before && { files: before, result: analyze(before) };
  return refusedWorkloads(files, analyze(files), start);
}

describe('Pod Security admission in a scenario', () => {
  it('restricted refuses a Deployment that sets nothing, and names what restricted asks', () => {
    const files = [
      { path: 'shop.yaml', text: `${namespace('restricted')}---\n${plainDeployment}` },
    ];
    const r = refused(files);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ object: 'Deployment shop/frontend', enforce: 'restricted' });
    expect(r[0]!.checks.sort()).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
  });

  it('restricted admits a pod with runAsNonRoot, RuntimeDefault seccomp, no escalation and no capabilities', () => {
    const files = [
      { path: 'shop.yaml', text: `${namespace('restricted')}---\n${restrictedDeployment}` },
    ];
    expect(refused(files)).toEqual([]);
  });

  it('baseline refuses only what baseline forbids', () => {
    const files = [
      {
        path: 'shop.yaml',
        text: `${namespace('baseline')}---\n${plainDeployment}---\n${privilegedPod}`,
      },
    ];
    expect(refused(files).map((r) => r.object)).toEqual(['Pod shop/agent']);
  });

  it('no label (privileged) admits everything', () => {
    const files = [{ path: 'shop.yaml', text: `${namespace()}---\n${privilegedPod}` }];
    expect(refused(files)).toEqual([]);
  });

  it('a bare Pod that ran before the label keeps running; the same Pod changed is refused', () => {
    const before = [{ path: 'shop.yaml', text: `${namespace()}---\n${privilegedPod}` }];
    const labelled = [{ path: 'shop.yaml', text: `${namespace('baseline')}---\n${privilegedPod}` }];
    expect(refused(labelled, before)).toEqual([]);
    const changed = [
      {
        path: 'shop.yaml',
        text: `${namespace('baseline')}---\n${privilegedPod.replace('agent:1', 'agent:2')}`,
      },
    ];
    expect(refused(changed, before).map((r) => r.object)).toEqual(['Pod shop/agent']);
  });

  it('a Deployment is refused at its next rollout even if it ran before the label', () => {
    const before = [{ path: 'shop.yaml', text: `${namespace()}---\n${plainDeployment}` }];
    const labelled = [
      { path: 'shop.yaml', text: `${namespace('restricted')}---\n${plainDeployment}` },
    ];
    expect(refused(labelled, before).map((r) => r.object)).toEqual(['Deployment shop/frontend']);
  });
});

describe('the scenario check decides as the engine (and the API server) does', () => {
  const pinned = (version: string) =>
    namespace('restricted').replace(
      'enforce: restricted',
      `enforce: restricted\n    pod-security.kubernetes.io/enforce-version: ${version}`,
    );
  // Restricted except for dropping every capability, which restricted asks from 1.22 on.
  const keepsCapabilities = restrictedDeployment.replace(
    '\n            capabilities: { drop: [ALL] }',
    '',
  );

  it('a pinned enforce-version checks the pods as that version did', () => {
    const files = (version: string) => [
      { path: 'shop.yaml', text: `${pinned(version)}---\n${keepsCapabilities}` },
    ];
    expect(refused(files('v1.21'))).toEqual([]);
    expect(refused(files('v1.22'))).toMatchObject([
      { object: 'Deployment shop/frontend', checks: ['capabilities_restricted'] },
    ]);
  });

  it('a level the plugin cannot parse is read as restricted', () => {
    const files = [
      {
        path: 'shop.yaml',
        text: `${namespace('Restricted')}---\n${plainDeployment}`,
      },
    ];
    expect(refused(files)).toMatchObject([
      { object: 'Deployment shop/frontend', enforce: 'restricted' },
    ]);
  });

  it('a namespace exempt in the PodSecurityConfiguration is not checked', () => {
    const config = `apiVersion: pod-security.admission.config.k8s.io/v1
kind: PodSecurityConfiguration
defaults: { enforce: privileged }
exemptions: { namespaces: [shop] }
`;
    const files = [
      { path: 'shop.yaml', text: `${namespace('baseline')}---\n${privilegedPod}` },
      { path: 'admission.yaml', text: config },
    ];
    expect(refused(files)).toEqual([]);
  });

  it('--allow-privileged=false refuses a privileged container; a Pod already running keeps running', () => {
    const server = `apiVersion: v1
kind: Pod
metadata: { name: kube-apiserver, namespace: kube-system }
spec:
  containers:
    - name: kube-apiserver
      command: [kube-apiserver, "--authorization-mode=Node,RBAC", --allow-privileged=false]
`;
    const before = [{ path: 'shop.yaml', text: `${namespace()}---\n${privilegedPod}` }];
    const files = [...before, { path: 'apiserver.yaml', text: server }];
    expect(refused(files)).toMatchObject([
      { object: 'Pod shop/agent', enforce: 'allow-privileged' },
    ]);
    expect(refused(files, before)).toEqual([]);
  });
});

function apiServer(image: string, flags: string[]): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      image: ${image}
      command:
        - kube-apiserver
${flags.map((f) => `        - ${f}`).join('\n')}
`;
}

const etcd = (listen: string) => `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.5.15-0
      command:
        - etcd
        - --listen-client-urls=${listen}
`;

describe('a control plane that could not start as written', () => {
  const v131 = 'registry.k8s.io/kube-apiserver:v1.31.4';

  it('a boolean flag Go cannot parse: --anonymous-auth=fals', () => {
    const p = startProblems([{ path: 'a.yaml', text: apiServer(v131, ['--anonymous-auth=fals']) }]);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ file: 'a.yaml', line: 12 });
    expect(p[0]!.message).toContain('invalid argument "fals" for "--anonymous-auth"');
  });

  it('every spelling strconv.ParseBool accepts is fine', () => {
    for (const v of [
      '1',
      't',
      'T',
      'TRUE',
      'true',
      'True',
      '0',
      'f',
      'F',
      'FALSE',
      'false',
      'False',
    ])
      expect(
        startProblems([{ path: 'a.yaml', text: apiServer(v131, [`--anonymous-auth=${v}`]) }]),
      ).toEqual([]);
  });

  it('--insecure-port on 1.24 or later is an unknown flag, even =0', () => {
    const p = startProblems([
      {
        path: 'a.yaml',
        text: apiServer('registry.k8s.io/kube-apiserver:v1.24.0', ['--insecure-port=0']),
      },
    ]);
    expect(p[0]!.message).toContain('unknown flag: --insecure-port');
  });

  it('--insecure-port on 1.20 to 1.23 may only be 0; on 1.18 it serves', () => {
    const at = (version: string, value: string) =>
      startProblems([
        {
          path: 'a.yaml',
          text: apiServer(`registry.k8s.io/kube-apiserver:${version}`, [
            `--insecure-port=${value}`,
          ]),
        },
      ]);
    expect(at('v1.21.3', '8080')[0]!.message).toContain('only zero is allowed');
    expect(at('v1.21.3', '0')).toEqual([]);
    expect(at('v1.18.20', '8080')).toEqual([]);
  });

  it('an https etcd URL against an etcd listener that serves http', () => {
    const files = [
      { path: 'api.yaml', text: apiServer(v131, ['--etcd-servers=https://127.0.0.1:2379']) },
      { path: 'etcd.yaml', text: etcd('http://0.0.0.0:2379') },
    ];
    expect(startProblems(files)[0]!.message).toContain('could not reach etcd');
    files[1] = { path: 'etcd.yaml', text: etcd('https://127.0.0.1:2379,https://10.0.0.10:2379') };
    expect(startProblems(files)).toEqual([]);
  });

  it('reads the version from the image tag', () => {
    expect(imageVersion('registry.k8s.io/kube-apiserver:v1.18.20')).toEqual([1, 18]);
    expect(imageVersion('kube-apiserver:latest')).toBeUndefined();
  });
});

describe('mut scenario verify', () => {
  function scenarioOf(start: InputFile[], solution: InputFile[]): Scenario {
    const stage: StageInfo = {
      index: 0,
      id: 'only',
      title: 'Only',
      brief: 'b',
      startMut: 0,
      target: { atLeast: 1 },
      hints: ['h'],
      editable: ['shop.yaml'],
      startFiles: start,
      solutionFiles: solution,
    };
    return {
      folder: '01-t',
      id: 't',
      title: 't',
      summary: 's',
      audience: 'a',
      difficulty: 'beginner',
      minutes: 1,
      objectives: ['o'],
      start: 'pod:shop/frontend',
      goals: ['node-root'],
      references: [{ title: 't', url: 'https://example.com' }],
      stages: [stage],
      debrief: 'd',
    };
  }

  it('fails a stage whose solution labels a namespace restricted that its own workload does not meet', () => {
    const start = [{ path: 'shop.yaml', text: `${namespace()}---\n${plainDeployment}` }];
    const solution = [
      { path: 'shop.yaml', text: `${namespace('restricted')}---\n${plainDeployment}` },
    ];
    const problems = verifyScenario(scenarioOf(start, solution), analyze, '');
    expect(problems.map((p) => p.message)).toContainEqual(
      expect.stringContaining(
        'stage only in the solution: namespace shop enforces restricted, which would refuse Deployment shop/frontend',
      ),
    );
  });
});
