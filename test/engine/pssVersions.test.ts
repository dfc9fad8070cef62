// Pod Security at a pinned policy version (`pod-security.kubernetes.io/enforce-version`):
// each check runs as upstream implemented it at that version, and not at all before it
// existed (staging/src/k8s.io/pod-security-admission/policy/check_*.go, registry.go).
// The first cases are upstream's own per-version fixtures (test/testdata/<level>/<version>/),
// copied with the commit they were read at; the rest are the version boundaries of
// src/engine/pss/versions.ts, one on each side.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze } from '../../src/engine/index.ts';
import { evaluatePodSecurity, type PssLevel } from '../../src/engine/pss/index.ts';

interface Case {
  name: string;
  level: PssLevel;
  version: string;
  allowed: boolean;
  /** The verdict at `latest`, where it differs: the case tests the version, not the pod. */
  latest?: boolean;
  pod: string;
}

const upstream: Case[] = [
  {
    // restricted/v1.21/pass/runasnonroot0.yaml @ 025f2834a128798cef30018a5e6a6ae82b5ad885
    name: 'upstream restricted v1.21 pass runasnonroot0: no capabilities drop before 1.22',
    level: 'restricted',
    version: 'v1.21',
    allowed: true,
    latest: false,
    pod: `apiVersion: v1
kind: Pod
metadata:
  name: runasnonroot0
spec:
  containers:
  - image: registry.k8s.io/pause
    name: container1
    securityContext:
      allowPrivilegeEscalation: false
  initContainers:
  - image: registry.k8s.io/pause
    name: initcontainer1
    securityContext:
      allowPrivilegeEscalation: false
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
`,
  },
  {
    // restricted/v1.18/pass/hostports0.yaml @ 16bd7e6a796fc4bb9cf44ba4efbdff4ecce2b2f8
    name: 'upstream restricted v1.18 pass hostports0: no seccompProfile before 1.19',
    level: 'restricted',
    version: 'v1.18',
    allowed: true,
    latest: false,
    pod: `apiVersion: v1
kind: Pod
metadata:
  name: hostports0
spec:
  containers:
  - image: registry.k8s.io/pause
    name: container1
    ports:
    - containerPort: 12345
    securityContext:
      allowPrivilegeEscalation: false
  initContainers:
  - image: registry.k8s.io/pause
    name: initcontainer1
    ports:
    - containerPort: 12346
    securityContext:
      allowPrivilegeEscalation: false
  securityContext:
    runAsNonRoot: true
`,
  },
  {
    // restricted/v1.18/fail/seccomp_baseline0.yaml @ 9e87082b85fc27aa9b0b77ad4978f090dd84bb0c
    name: 'upstream restricted v1.18 fail seccomp_baseline0: the alpha annotation, unconfined',
    level: 'restricted',
    version: 'v1.18',
    allowed: false,
    pod: `apiVersion: v1
kind: Pod
metadata:
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
  name: seccomp_baseline0
spec:
  containers:
  - image: k8s.gcr.io/pause
    name: container1
    securityContext:
      allowPrivilegeEscalation: false
  initContainers:
  - image: k8s.gcr.io/pause
    name: initcontainer1
    securityContext:
      allowPrivilegeEscalation: false
  securityContext:
    runAsNonRoot: true
`,
  },
  {
    // restricted/v1.21/pass/sysctls1.yaml @ 9e87082b85fc27aa9b0b77ad4978f090dd84bb0c
    name: 'upstream restricted v1.21 pass sysctls1: the five safe sysctls of v1.0',
    level: 'restricted',
    version: 'v1.21',
    allowed: true,
    latest: false,
    pod: `apiVersion: v1
kind: Pod
metadata:
  name: sysctls1
spec:
  containers:
  - image: k8s.gcr.io/pause
    name: container1
    securityContext:
      allowPrivilegeEscalation: false
  initContainers:
  - image: k8s.gcr.io/pause
    name: initcontainer1
    securityContext:
      allowPrivilegeEscalation: false
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
    sysctls:
    - name: kernel.shm_rmid_forced
      value: "0"
    - name: net.ipv4.ip_local_port_range
      value: 1024 65535
    - name: net.ipv4.tcp_syncookies
      value: "0"
    - name: net.ipv4.ping_group_range
      value: 1 0
    - name: net.ipv4.ip_unprivileged_port_start
      value: "1024"
`,
  },
];

/** The restricted base pod of the latest policy, with `spec` merged in. */
function restrictedPod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) {
  const container = {
    name: 'app',
    image: 'registry.k8s.io/pause',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  };
  return {
    metadata: { name: 'p', ...metadata },
    spec: {
      containers: [container],
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      ...spec,
    },
  };
}

const boundaries: { name: string; level: PssLevel; pod: object; before: string; from: string }[] = [
  {
    name: 'runAsUser=0 is checked from v1.23',
    level: 'restricted',
    pod: restrictedPod({
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 0,
        seccompProfile: { type: 'RuntimeDefault' },
      },
    }),
    before: 'v1.22',
    from: 'v1.23',
  },
  {
    name: 'net.ipv4.ip_local_reserved_ports is allowed from v1.27',
    level: 'baseline',
    pod: restrictedPod({
      securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1024' }] },
    }),
    before: 'v1.26',
    from: 'v1.27',
  },
  {
    name: 'the SELinux type container_engine_t is allowed from v1.31',
    level: 'baseline',
    pod: restrictedPod({ securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }),
    before: 'v1.30',
    from: 'v1.31',
  },
  {
    name: 'a Windows pod is exempt from allowPrivilegeEscalation from v1.25',
    level: 'restricted',
    pod: {
      metadata: { name: 'w' },
      spec: {
        os: { name: 'windows' },
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'app', image: 'mcr.microsoft.com/windows/nanoserver' }],
      },
    },
    before: 'v1.24',
    from: 'v1.25',
  },
  {
    name: 'a pod in a user namespace is exempt from runAsNonRoot from v1.35',
    level: 'restricted',
    pod: restrictedPod({
      hostUsers: false,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    }),
    before: 'v1.34',
    from: 'v1.35',
  },
  {
    name: "a probe's host is checked from v1.34",
    level: 'baseline',
    pod: restrictedPod({
      containers: [
        {
          name: 'app',
          image: 'registry.k8s.io/pause',
          livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } },
        },
      ],
    }),
    before: 'v1.33',
    from: 'v1.34',
  },
];

function verdict(pod: object, level: PssLevel, version: string): boolean {
  return evaluatePodSecurity(pod, level, version).allowed;
}

describe('Pod Security at a pinned policy version', () => {
  for (const c of upstream)
    it(c.name, () => {
      const pod = parse(c.pod) as object;
      expect(verdict(pod, c.level, c.version)).toBe(c.allowed);
      if (c.latest !== undefined) expect(verdict(pod, c.level, 'latest')).toBe(c.latest);
    });

  for (const b of boundaries)
    it(b.name, () => {
      // One side allows it, the other refuses: which one is in the name.
      expect(verdict(b.pod, b.level, b.before)).not.toBe(verdict(b.pod, b.level, b.from));
    });

  it('a version newer than every check knows is latest', () => {
    const pod = restrictedPod({ hostUsers: false, securityContext: {} });
    expect(verdict(pod, 'restricted', 'v1.99')).toBe(verdict(pod, 'restricted', 'latest'));
  });
});

function cluster(versionLabel: string | undefined): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    pod-security.kubernetes.io/enforce: restricted
${versionLabel === undefined ? '' : `    pod-security.kubernetes.io/enforce-version: '${versionLabel}'\n`}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: legacy
spec:
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: app
          image: registry.example.com/app:1
          securityContext:
            allowPrivilegeEscalation: false
`;
}

function refused(versionLabel: string | undefined): boolean {
  const r = analyze([{ path: 'legacy.yaml', text: cluster(versionLabel) }]);
  return r.diagnostics.some((d) => /rejects the pods of Deployment legacy\/app/.test(d.message));
}

describe('admission with enforce-version', () => {
  it('a namespace pinned to v1.21 admits a pod that drops no capabilities', () => {
    expect(refused('v1.21')).toBe(false);
  });

  it('latest, and no label, refuse it (capabilities_restricted since v1.22)', () => {
    expect(refused('latest')).toBe(true);
    expect(refused(undefined)).toBe(true);
  });

  it('an invalid version is latest, as the plugin reads it', () => {
    expect(refused('1.21')).toBe(true);
  });
});

describe('the PodSecurityConfiguration default version', () => {
  const configured = (version: string) => `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - kube-apiserver
        - --authorization-mode=Node,RBAC
        - --admission-control-config-file=/etc/kubernetes/admission.yaml
---
apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
  - name: PodSecurity
    configuration:
      apiVersion: pod-security.admission.config.k8s.io/v1
      kind: PodSecurityConfiguration
      defaults:
        enforce: restricted
        enforce-version: '${version}'
---
${cluster(undefined).replace(/ {2}labels:\n.*enforce: restricted\n/, '')}`;

  function refusedWith(version: string): boolean {
    const r = analyze([{ path: 'cluster.yaml', text: configured(version) }]);
    return r.diagnostics.some((d) => /rejects the pods of Deployment legacy\/app/.test(d.message));
  }

  it('applies to namespaces without an enforce-version label', () => {
    expect(refusedWith('v1.21')).toBe(false);
    expect(refusedWith('latest')).toBe(true);
  });
});
