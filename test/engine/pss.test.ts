// The Pod Security Standards evaluator, as a specification: one table per check, then
// properties that must hold for any input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluatePodSecurity,
  highestPssLevel,
  parsePssLevel,
  pssChecks,
  type JsonPath,
  type PssLevel,
} from '../../src/engine/pss/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are mutated freely
type Json = any;

/** A minimal pod that meets restricted (on Linux). */
function restrictedPod(): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [
        {
          name: 'init',
          image: 'busybox',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
      containers: [
        {
          name: 'app',
          image: 'nginx',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
    },
  };
}

/** A minimal pod that meets baseline but not restricted. */
function baselinePod(): Json {
  return { metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
}

interface Row {
  name: string;
  base?: () => Json;
  mutate: (pod: Json) => void;
  level: PssLevel;
  allowed: boolean;
  check?: string;
  path?: JsonPath;
}

function runTable(rows: Row[]) {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const pod = (row.base ?? restrictedPod)();
    row.mutate(pod);
    const result = evaluatePodSecurity(pod, row.level);
    expect(result.allowed, result.violations.map((v) => v.message).join(' | ')).toBe(row.allowed);
    if (row.check) {
      const hit = result.violations.filter((v) => v.check === row.check);
      expect(hit.length, `expected a ${row.check} violation`).toBeGreaterThan(0);
      if (row.path) expect(hit.map((v) => v.path)).toContainEqual(row.path);
    }
  });
}

const c0 = (p: Json) => p.spec.containers[0];
const i0 = (p: Json) => p.spec.initContainers[0];

describe('levels', () => {
  it('the restricted base pod is allowed at every level', () => {
    for (const level of ['privileged', 'baseline', 'restricted'] as const) {
      expect(evaluatePodSecurity(restrictedPod(), level)).toEqual({
        allowed: true,
        violations: [],
      });
    }
    expect(highestPssLevel(restrictedPod())).toBe('restricted');
  });

  it('a default pod meets baseline but not restricted', () => {
    expect(evaluatePodSecurity(baselinePod(), 'baseline').allowed).toBe(true);
    expect(evaluatePodSecurity(baselinePod(), 'restricted').allowed).toBe(false);
    expect(highestPssLevel(baselinePod())).toBe('baseline');
  });

  it('privileged allows anything, even a privileged host-network pod', () => {
    const pod = baselinePod();
    pod.spec.hostNetwork = true;
    c0(pod).securityContext = { privileged: true };
    expect(evaluatePodSecurity(pod, 'privileged')).toEqual({ allowed: true, violations: [] });
    expect(highestPssLevel(pod)).toBe('privileged');
  });

  it('an unknown level fails closed (evaluated as restricted)', () => {
    expect(evaluatePodSecurity(baselinePod(), 'strict' as PssLevel).allowed).toBe(false);
  });

  it.each([
    ['privileged', 'privileged'],
    ['baseline', 'baseline'],
    ['restricted', 'restricted'],
    ['Restricted', undefined],
    [' baseline', undefined],
    ['', undefined],
    [undefined, undefined],
    [1, undefined],
    [{}, undefined],
  ] as const)('parsePssLevel(%j) is %j', (input, out) => {
    expect(parsePssLevel(input)).toBe(out);
  });

  it('lists 19 checks with unique ids, a level, a title, a description and a reference', () => {
    expect(pssChecks).toHaveLength(19);
    expect(new Set(pssChecks.map((c) => c.id)).size).toBe(19);
    for (const c of pssChecks) {
      expect(['baseline', 'restricted']).toContain(c.level);
      expect(c.title.length).toBeGreaterThan(0);
      expect(c.description.length).toBeGreaterThan(20);
      expect(c.reference).toMatch(
        /^https:\/\/kubernetes\.io\/docs\/concepts\/security\/pod-security-standards\/#/,
      );
    }
    expect(pssChecks.filter((c) => c.level === 'baseline')).toHaveLength(12);
  });
});

describe('baseline: hostNamespaces', () => {
  runTable([
    {
      name: 'hostNetwork: true is denied',
      mutate: (p) => (p.spec.hostNetwork = true),
      level: 'baseline',
      allowed: false,
      check: 'hostNamespaces',
      path: ['spec', 'hostNetwork'],
    },
    {
      name: 'hostPID: true is denied',
      mutate: (p) => (p.spec.hostPID = true),
      level: 'baseline',
      allowed: false,
      check: 'hostNamespaces',
      path: ['spec', 'hostPID'],
    },
    {
      name: 'hostIPC: true is denied',
      mutate: (p) => (p.spec.hostIPC = true),
      level: 'baseline',
      allowed: false,
      check: 'hostNamespaces',
      path: ['spec', 'hostIPC'],
    },
    {
      name: 'explicit false is allowed',
      mutate: (p) => Object.assign(p.spec, { hostNetwork: false, hostPID: false, hostIPC: false }),
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('baseline: privileged', () => {
  runTable([
    {
      name: 'a privileged container is denied',
      mutate: (p) => (c0(p).securityContext.privileged = true),
      level: 'baseline',
      allowed: false,
      check: 'privileged',
      path: ['spec', 'containers', 0, 'securityContext', 'privileged'],
    },
    {
      name: 'a privileged init container is denied',
      mutate: (p) => (i0(p).securityContext.privileged = true),
      level: 'baseline',
      allowed: false,
      check: 'privileged',
      path: ['spec', 'initContainers', 0, 'securityContext', 'privileged'],
    },
    {
      name: 'a privileged ephemeral container is denied',
      mutate: (p) =>
        (p.spec.ephemeralContainers = [{ name: 'debug', securityContext: { privileged: true } }]),
      level: 'baseline',
      allowed: false,
      check: 'privileged',
      path: ['spec', 'ephemeralContainers', 0, 'securityContext', 'privileged'],
    },
    {
      name: 'privileged: false is allowed',
      mutate: (p) => (c0(p).securityContext.privileged = false),
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('baseline: capabilities_baseline', () => {
  runTable([
    {
      name: 'adding NET_RAW is denied',
      base: baselinePod,
      mutate: (p) => (c0(p).securityContext = { capabilities: { add: ['NET_RAW'] } }),
      level: 'baseline',
      allowed: false,
      check: 'capabilities_baseline',
      path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 0],
    },
    {
      name: 'adding SYS_ADMIN after CHOWN points at the bad entry',
      base: baselinePod,
      mutate: (p) => (c0(p).securityContext = { capabilities: { add: ['CHOWN', 'SYS_ADMIN'] } }),
      level: 'baseline',
      allowed: false,
      check: 'capabilities_baseline',
      path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 1],
    },
    {
      name: 'names are exact: lower case is denied',
      base: baselinePod,
      mutate: (p) => (c0(p).securityContext = { capabilities: { add: ['chown'] } }),
      level: 'baseline',
      allowed: false,
      check: 'capabilities_baseline',
    },
    {
      name: 'names are exact: the CAP_ prefix is denied',
      base: baselinePod,
      mutate: (p) => (c0(p).securityContext = { capabilities: { add: ['CAP_CHOWN'] } }),
      level: 'baseline',
      allowed: false,
      check: 'capabilities_baseline',
    },
    {
      name: 'the whole default set is allowed at baseline',
      base: baselinePod,
      mutate: (p) =>
        (c0(p).securityContext = {
          capabilities: {
            add: [
              'AUDIT_WRITE',
              'CHOWN',
              'DAC_OVERRIDE',
              'FOWNER',
              'FSETID',
              'KILL',
              'MKNOD',
              'NET_BIND_SERVICE',
              'SETFCAP',
              'SETGID',
              'SETPCAP',
              'SETUID',
              'SYS_CHROOT',
            ],
          },
        }),
      level: 'baseline',
      allowed: true,
    },
    {
      name: 'a user namespace does not relax capabilities',
      base: baselinePod,
      mutate: (p) => {
        p.spec.hostUsers = false;
        c0(p).securityContext = { capabilities: { add: ['SYS_ADMIN'] } };
      },
      level: 'baseline',
      allowed: false,
      check: 'capabilities_baseline',
    },
  ]);
});

describe('baseline: hostPathVolumes', () => {
  runTable([
    {
      name: 'a hostPath volume is denied',
      base: baselinePod,
      mutate: (p) =>
        (p.spec.volumes = [
          { name: 'e', emptyDir: {} },
          { name: 'h', hostPath: { path: '/' } },
        ]),
      level: 'baseline',
      allowed: false,
      check: 'hostPathVolumes',
      path: ['spec', 'volumes', 1, 'hostPath'],
    },
    {
      name: 'emptyDir and configMap volumes are allowed',
      base: baselinePod,
      mutate: (p) =>
        (p.spec.volumes = [
          { name: 'e', emptyDir: {} },
          { name: 'c', configMap: { name: 'x' } },
        ]),
      level: 'baseline',
      allowed: true,
    },
  ]);
});

describe('baseline: hostPorts', () => {
  runTable([
    {
      name: 'a hostPort is denied',
      mutate: (p) => (c0(p).ports = [{ containerPort: 80, hostPort: 8080 }]),
      level: 'baseline',
      allowed: false,
      check: 'hostPorts',
      path: ['spec', 'containers', 0, 'ports', 0, 'hostPort'],
    },
    {
      name: 'a hostPort on an init container is denied',
      mutate: (p) => (i0(p).ports = [{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }]),
      level: 'baseline',
      allowed: false,
      check: 'hostPorts',
      path: ['spec', 'initContainers', 0, 'ports', 1, 'hostPort'],
    },
    {
      name: 'hostPort: 0 and container ports alone are allowed',
      mutate: (p) => (c0(p).ports = [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }]),
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('baseline: hostProbesAndHostLifecycle', () => {
  runTable([
    {
      name: 'livenessProbe.httpGet.host is denied',
      mutate: (p) => (c0(p).livenessProbe = { httpGet: { host: 'bad.host', port: 80 } }),
      level: 'baseline',
      allowed: false,
      check: 'hostProbesAndHostLifecycle',
      path: ['spec', 'containers', 0, 'livenessProbe', 'httpGet', 'host'],
    },
    {
      name: 'even a loopback host is denied',
      mutate: (p) => (c0(p).readinessProbe = { tcpSocket: { host: '127.0.0.1', port: 80 } }),
      level: 'baseline',
      allowed: false,
      check: 'hostProbesAndHostLifecycle',
    },
    {
      name: 'startupProbe on an init (sidecar) container is denied',
      mutate: (p) => (i0(p).startupProbe = { tcpSocket: { host: '::1', port: 80 } }),
      level: 'baseline',
      allowed: false,
      check: 'hostProbesAndHostLifecycle',
      path: ['spec', 'initContainers', 0, 'startupProbe', 'tcpSocket', 'host'],
    },
    {
      name: 'lifecycle.preStop.httpGet.host is denied',
      mutate: (p) => (c0(p).lifecycle = { preStop: { httpGet: { host: 'x', port: 80 } } }),
      level: 'baseline',
      allowed: false,
      check: 'hostProbesAndHostLifecycle',
      path: ['spec', 'containers', 0, 'lifecycle', 'preStop', 'httpGet', 'host'],
    },
    {
      name: 'probes without host, or host "", are allowed',
      mutate: (p) => {
        c0(p).livenessProbe = { httpGet: { port: 80 } };
        c0(p).readinessProbe = { tcpSocket: { host: '', port: 80 } };
      },
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('baseline: appArmorProfile', () => {
  const ann = 'container.apparmor.security.beta.kubernetes.io/app';
  runTable([
    {
      name: 'pod-level Unconfined is denied',
      mutate: (p) => (p.spec.securityContext.appArmorProfile = { type: 'Unconfined' }),
      level: 'baseline',
      allowed: false,
      check: 'appArmorProfile',
      path: ['spec', 'securityContext', 'appArmorProfile', 'type'],
    },
    {
      name: 'container-level Unconfined is denied',
      mutate: (p) => (c0(p).securityContext.appArmorProfile = { type: 'Unconfined' }),
      level: 'baseline',
      allowed: false,
      check: 'appArmorProfile',
      path: ['spec', 'containers', 0, 'securityContext', 'appArmorProfile', 'type'],
    },
    {
      name: 'the legacy annotation "unconfined" is denied',
      mutate: (p) => (p.metadata.annotations = { [ann]: 'unconfined' }),
      level: 'baseline',
      allowed: false,
      check: 'appArmorProfile',
      path: ['metadata', 'annotations', ann],
    },
    {
      name: 'RuntimeDefault, Localhost and localhost/* annotations are allowed',
      mutate: (p) => {
        p.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
        c0(p).securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'p' };
        p.metadata.annotations = {
          [ann]: 'localhost/foo',
          'container.apparmor.security.beta.kubernetes.io/init': 'runtime/default',
        };
      },
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('baseline: seLinuxOptions', () => {
  runTable([
    {
      name: 'a custom type is denied',
      mutate: (p) => (p.spec.securityContext.seLinuxOptions = { type: 'spc_t' }),
      level: 'baseline',
      allowed: false,
      check: 'seLinuxOptions',
      path: ['spec', 'securityContext', 'seLinuxOptions', 'type'],
    },
    {
      name: 'a user is denied',
      mutate: (p) => (c0(p).securityContext.seLinuxOptions = { user: 'system_u' }),
      level: 'baseline',
      allowed: false,
      check: 'seLinuxOptions',
      path: ['spec', 'containers', 0, 'securityContext', 'seLinuxOptions', 'user'],
    },
    {
      name: 'a role is denied',
      mutate: (p) => (i0(p).securityContext.seLinuxOptions = { role: 'system_r' }),
      level: 'baseline',
      allowed: false,
      check: 'seLinuxOptions',
      path: ['spec', 'initContainers', 0, 'securityContext', 'seLinuxOptions', 'role'],
    },
    {
      name: 'the container_* types and a level are allowed',
      mutate: (p) => {
        p.spec.securityContext.seLinuxOptions = { type: 'container_t' };
        c0(p).securityContext.seLinuxOptions = { type: 'container_engine_t', level: 's0:c1' };
        i0(p).securityContext.seLinuxOptions = { type: 'container_kvm_t' };
      },
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('baseline procMount and restricted procMount_restricted', () => {
  runTable([
    {
      name: 'Unmasked is denied at baseline for a host-user-namespace pod',
      mutate: (p) => (c0(p).securityContext.procMount = 'Unmasked'),
      level: 'baseline',
      allowed: false,
      check: 'procMount',
      path: ['spec', 'containers', 0, 'securityContext', 'procMount'],
    },
    {
      name: 'Unmasked is allowed at baseline when hostUsers: false',
      mutate: (p) => {
        p.spec.hostUsers = false;
        c0(p).securityContext.procMount = 'Unmasked';
      },
      level: 'baseline',
      allowed: true,
    },
    {
      name: 'Unmasked is still denied at restricted when hostUsers: false',
      mutate: (p) => {
        p.spec.hostUsers = false;
        c0(p).securityContext.procMount = 'Unmasked';
      },
      level: 'restricted',
      allowed: false,
      check: 'procMount_restricted',
    },
    {
      name: 'Default is allowed at restricted',
      mutate: (p) => (c0(p).securityContext.procMount = 'Default'),
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('baseline: seccompProfile_baseline', () => {
  runTable([
    {
      name: 'pod-level Unconfined is denied',
      base: baselinePod,
      mutate: (p) => (p.spec.securityContext = { seccompProfile: { type: 'Unconfined' } }),
      level: 'baseline',
      allowed: false,
      check: 'seccompProfile_baseline',
      path: ['spec', 'securityContext', 'seccompProfile', 'type'],
    },
    {
      name: 'container-level Unconfined is denied',
      base: baselinePod,
      mutate: (p) => (c0(p).securityContext = { seccompProfile: { type: 'Unconfined' } }),
      level: 'baseline',
      allowed: false,
      check: 'seccompProfile_baseline',
    },
    {
      name: 'unset seccomp is allowed at baseline',
      base: baselinePod,
      mutate: () => {},
      level: 'baseline',
      allowed: true,
    },
    {
      name: 'legacy seccomp annotations are not checked since policy v1.19',
      base: baselinePod,
      mutate: (p) =>
        (p.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }),
      level: 'baseline',
      allowed: true,
    },
  ]);
});

describe('baseline: sysctls', () => {
  runTable([
    {
      name: 'an unsafe sysctl is denied',
      mutate: (p) => (p.spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]),
      level: 'baseline',
      allowed: false,
      check: 'sysctls',
      path: ['spec', 'securityContext', 'sysctls', 0, 'name'],
    },
    {
      name: 'the v1.37 additions are allowed',
      mutate: (p) =>
        (p.spec.securityContext.sysctls = [
          { name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' },
          { name: 'net.ipv4.tcp_notsent_lowat', value: '16384' },
        ]),
      level: 'restricted',
      allowed: true,
    },
    {
      name: 'older safe sysctls are allowed',
      mutate: (p) =>
        (p.spec.securityContext.sysctls = [
          { name: 'kernel.shm_rmid_forced', value: '1' },
          { name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' },
          { name: 'net.ipv4.ip_local_reserved_ports', value: '8080' },
        ]),
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('baseline: windowsHostProcess', () => {
  runTable([
    {
      name: 'pod-level hostProcess is denied',
      mutate: (p) => (p.spec.securityContext.windowsOptions = { hostProcess: true }),
      level: 'baseline',
      allowed: false,
      check: 'windowsHostProcess',
      path: ['spec', 'securityContext', 'windowsOptions', 'hostProcess'],
    },
    {
      name: 'container-level hostProcess is denied',
      mutate: (p) => (c0(p).securityContext.windowsOptions = { hostProcess: true }),
      level: 'baseline',
      allowed: false,
      check: 'windowsHostProcess',
    },
    {
      name: 'hostProcess: false is allowed',
      mutate: (p) => (c0(p).securityContext.windowsOptions = { hostProcess: false }),
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('restricted: restrictedVolumes', () => {
  runTable([
    {
      name: 'an nfs volume is denied',
      mutate: (p) => (p.spec.volumes = [{ name: 'n', nfs: { server: 's', path: '/' } }]),
      level: 'restricted',
      allowed: false,
      check: 'restrictedVolumes',
      path: ['spec', 'volumes', 0, 'nfs'],
    },
    {
      name: 'a hostPath volume is denied by both checks',
      mutate: (p) => (p.spec.volumes = [{ name: 'h', hostPath: { path: '/' } }]),
      level: 'restricted',
      allowed: false,
      check: 'restrictedVolumes',
    },
    {
      name: 'an nfs volume is fine at baseline',
      mutate: (p) => (p.spec.volumes = [{ name: 'n', nfs: { server: 's', path: '/' } }]),
      level: 'baseline',
      allowed: true,
    },
    {
      name: 'the allowed types (incl. image, and a source-less volume defaulted to emptyDir) pass',
      mutate: (p) =>
        (p.spec.volumes = [
          { name: 'a' },
          { name: 'b', image: { reference: 'r' } },
          { name: 'c', csi: { driver: 'd' } },
          { name: 'd', ephemeral: {} },
          { name: 'e', projected: { sources: [] } },
          { name: 'f', secret: { secretName: 's' } },
          { name: 'g', persistentVolumeClaim: { claimName: 'c' } },
          { name: 'h', downwardAPI: {} },
        ]),
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('restricted: allowPrivilegeEscalation', () => {
  runTable([
    {
      name: 'unset is denied; the path is the nearest existing ancestor',
      mutate: (p) => delete c0(p).securityContext.allowPrivilegeEscalation,
      level: 'restricted',
      allowed: false,
      check: 'allowPrivilegeEscalation',
      path: ['spec', 'containers', 0, 'securityContext'],
    },
    {
      name: 'a missing securityContext points at the container',
      mutate: (p) => delete c0(p).securityContext,
      level: 'restricted',
      allowed: false,
      check: 'allowPrivilegeEscalation',
      path: ['spec', 'containers', 0],
    },
    {
      name: 'true is denied',
      mutate: (p) => (i0(p).securityContext.allowPrivilegeEscalation = true),
      level: 'restricted',
      allowed: false,
      check: 'allowPrivilegeEscalation',
      path: ['spec', 'initContainers', 0, 'securityContext', 'allowPrivilegeEscalation'],
    },
    {
      name: 'Windows pods are exempt',
      mutate: (p) => {
        p.spec.os = { name: 'windows' };
        delete c0(p).securityContext;
        delete i0(p).securityContext;
        delete p.spec.securityContext.seccompProfile;
      },
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('restricted: runAsNonRoot', () => {
  runTable([
    {
      name: 'unset everywhere is denied for each container',
      mutate: (p) => delete p.spec.securityContext.runAsNonRoot,
      level: 'restricted',
      allowed: false,
      check: 'runAsNonRoot',
      path: ['spec', 'containers', 0, 'securityContext'],
    },
    {
      name: 'pod-level false is denied',
      mutate: (p) => (p.spec.securityContext.runAsNonRoot = false),
      level: 'restricted',
      allowed: false,
      check: 'runAsNonRoot',
      path: ['spec', 'securityContext', 'runAsNonRoot'],
    },
    {
      name: 'container-level false overrides a pod-level true and is denied',
      mutate: (p) => (c0(p).securityContext.runAsNonRoot = false),
      level: 'restricted',
      allowed: false,
      check: 'runAsNonRoot',
      path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'],
    },
    {
      name: 'true on every container (and not on the pod) is allowed',
      mutate: (p) => {
        delete p.spec.securityContext.runAsNonRoot;
        c0(p).securityContext.runAsNonRoot = true;
        i0(p).securityContext.runAsNonRoot = true;
      },
      level: 'restricted',
      allowed: true,
    },
    {
      name: 'pods in a user namespace are exempt',
      mutate: (p) => {
        p.spec.hostUsers = false;
        p.spec.securityContext.runAsNonRoot = false;
      },
      level: 'restricted',
      allowed: true,
    },
    {
      name: 'Windows pods are not exempt',
      mutate: (p) => {
        p.spec.os = { name: 'windows' };
        delete p.spec.securityContext.runAsNonRoot;
      },
      level: 'restricted',
      allowed: false,
      check: 'runAsNonRoot',
    },
  ]);
});

describe('restricted: runAsUser', () => {
  runTable([
    {
      name: 'pod-level 0 is denied',
      mutate: (p) => (p.spec.securityContext.runAsUser = 0),
      level: 'restricted',
      allowed: false,
      check: 'runAsUser',
      path: ['spec', 'securityContext', 'runAsUser'],
    },
    {
      name: 'container-level 0 is denied',
      mutate: (p) => (c0(p).securityContext.runAsUser = 0),
      level: 'restricted',
      allowed: false,
      check: 'runAsUser',
      path: ['spec', 'containers', 0, 'securityContext', 'runAsUser'],
    },
    {
      name: 'a non-zero UID is allowed',
      mutate: (p) => (p.spec.securityContext.runAsUser = 1000),
      level: 'restricted',
      allowed: true,
    },
    {
      name: 'runAsUser: 0 is allowed at baseline',
      mutate: (p) => (p.spec.securityContext.runAsUser = 0),
      level: 'baseline',
      allowed: true,
    },
    {
      name: 'pods in a user namespace are exempt',
      mutate: (p) => {
        p.spec.hostUsers = false;
        p.spec.securityContext.runAsUser = 0;
      },
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('restricted: seccompProfile_restricted', () => {
  runTable([
    {
      name: 'unset everywhere is denied',
      mutate: (p) => delete p.spec.securityContext.seccompProfile,
      level: 'restricted',
      allowed: false,
      check: 'seccompProfile_restricted',
      path: ['spec', 'initContainers', 0, 'securityContext'],
    },
    {
      name: 'set on only one container is denied for the other',
      mutate: (p) => {
        delete p.spec.securityContext.seccompProfile;
        c0(p).securityContext.seccompProfile = { type: 'RuntimeDefault' };
      },
      level: 'restricted',
      allowed: false,
      check: 'seccompProfile_restricted',
      path: ['spec', 'initContainers', 0, 'securityContext'],
    },
    {
      name: 'Localhost on every container is allowed',
      mutate: (p) => {
        delete p.spec.securityContext.seccompProfile;
        c0(p).securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'x.json' };
        i0(p).securityContext.seccompProfile = { type: 'RuntimeDefault' };
      },
      level: 'restricted',
      allowed: true,
    },
    {
      name: 'a container Unconfined beside a pod RuntimeDefault is denied',
      mutate: (p) => (c0(p).securityContext.seccompProfile = { type: 'Unconfined' }),
      level: 'restricted',
      allowed: false,
      check: 'seccompProfile_restricted',
      path: ['spec', 'containers', 0, 'securityContext', 'seccompProfile', 'type'],
    },
  ]);
});

describe('restricted: capabilities_restricted', () => {
  runTable([
    {
      name: 'not dropping ALL is denied',
      mutate: (p) => (c0(p).securityContext.capabilities = { drop: ['NET_RAW'] }),
      level: 'restricted',
      allowed: false,
      check: 'capabilities_restricted',
      path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'],
    },
    {
      name: 'no capabilities at all points at the securityContext',
      mutate: (p) => delete c0(p).securityContext.capabilities,
      level: 'restricted',
      allowed: false,
      check: 'capabilities_restricted',
      path: ['spec', 'containers', 0, 'securityContext'],
    },
    {
      name: 'adding CHOWN is denied',
      mutate: (p) => (c0(p).securityContext.capabilities.add = ['CHOWN']),
      level: 'restricted',
      allowed: false,
      check: 'capabilities_restricted',
      path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 0],
    },
    {
      name: 'adding back NET_BIND_SERVICE is allowed',
      mutate: (p) => (c0(p).securityContext.capabilities.add = ['NET_BIND_SERVICE']),
      level: 'restricted',
      allowed: true,
    },
  ]);
});

describe('untrusted input', () => {
  it('does not read inherited properties', () => {
    const pod = restrictedPod();
    const sc = Object.create({ privileged: true, runAsUser: 0, procMount: 'Unmasked' });
    Object.assign(sc, c0(pod).securityContext);
    c0(pod).securityContext = sc;
    const spec = Object.create({ hostNetwork: true });
    Object.assign(spec, pod.spec);
    pod.spec = spec;
    expect(evaluatePodSecurity(pod, 'restricted')).toEqual({ allowed: true, violations: [] });
  });

  it('reads null-prototype objects', () => {
    const sc = Object.assign(Object.create(null), { privileged: true });
    const container = Object.assign(Object.create(null), { name: 'app', securityContext: sc });
    const spec = Object.assign(Object.create(null), { containers: [container] });
    const result = evaluatePodSecurity({ spec }, 'baseline');
    expect(result.allowed).toBe(false);
    expect(result.violations[0]?.check).toBe('privileged');
  });

  it.each([
    ['no spec', {}],
    ['a string spec', { spec: 'nope' }],
    ['containers as an object', { spec: { containers: { name: 'x' } } }],
    ['a null container', { spec: { containers: [null] } }],
    ['a numeric securityContext', { spec: { containers: [{ securityContext: 7 }] } }],
  ])('%s is handled without throwing', (_name, pod) => {
    expect(() => evaluatePodSecurity(pod as Json, 'restricted')).not.toThrow();
    expect(evaluatePodSecurity(pod as Json, 'baseline').allowed).toBe(true);
  });

  it('flags wrongly typed values conservatively at restricted', () => {
    const pod = restrictedPod();
    c0(pod).securityContext.allowPrivilegeEscalation = 'false';
    expect(evaluatePodSecurity(pod, 'restricted').violations.map((v) => v.check)).toEqual([
      'allowPrivilegeEscalation',
    ]);
  });
});

// ---- properties -------------------------------------------------------------------------

const LEVELS: PssLevel[] = ['privileged', 'baseline', 'restricted'];

/** Pods built from the fields the checks look at, with values both good and bad. */
const securityContextArb = fc.record(
  {
    privileged: fc.boolean(),
    allowPrivilegeEscalation: fc.oneof(fc.boolean(), fc.constant('false')),
    runAsNonRoot: fc.boolean(),
    runAsUser: fc.constantFrom(0, 1000),
    procMount: fc.constantFrom('Default', 'Unmasked'),
    seccompProfile: fc.record({
      type: fc.constantFrom('RuntimeDefault', 'Localhost', 'Unconfined'),
    }),
    appArmorProfile: fc.record({ type: fc.constantFrom('RuntimeDefault', 'Unconfined') }),
    seLinuxOptions: fc.record(
      { type: fc.constantFrom('container_t', 'spc_t') },
      { requiredKeys: [] },
    ),
    capabilities: fc.record(
      {
        drop: fc.constantFrom(['ALL'], ['NET_RAW'], []),
        add: fc.subarray(['NET_BIND_SERVICE', 'CHOWN', 'SYS_ADMIN']),
      },
      { requiredKeys: [] },
    ),
    windowsOptions: fc.record({ hostProcess: fc.boolean() }),
  },
  { requiredKeys: [] },
);
const containerArb = fc.record(
  {
    name: fc.constantFrom('a', 'b'),
    securityContext: securityContextArb,
    ports: fc.array(
      fc.record(
        { containerPort: fc.constant(80), hostPort: fc.constantFrom(0, 8080) },
        { requiredKeys: ['containerPort'] },
      ),
      { maxLength: 2 },
    ),
    livenessProbe: fc.record({
      httpGet: fc.record(
        { port: fc.constant(80), host: fc.constantFrom('', 'h') },
        { requiredKeys: ['port'] },
      ),
    }),
  },
  { requiredKeys: ['name'] },
);
const podArb = fc.record({
  metadata: fc.record(
    {
      annotations: fc.dictionary(
        fc.constantFrom('container.apparmor.security.beta.kubernetes.io/a', 'x'),
        fc.constantFrom('unconfined', 'runtime/default', 'localhost/p'),
      ),
    },
    { requiredKeys: [] },
  ),
  spec: fc.record(
    {
      hostNetwork: fc.boolean(),
      hostUsers: fc.boolean(),
      os: fc.record({ name: fc.constantFrom('linux', 'windows') }),
      securityContext: securityContextArb.map((sc) => {
        const {
          privileged: _p,
          allowPrivilegeEscalation: _a,
          procMount: _m,
          capabilities: _c,
          ...rest
        } = sc;
        return rest;
      }),
      containers: fc.array(containerArb, { minLength: 1, maxLength: 2 }),
      initContainers: fc.array(containerArb, { maxLength: 1 }),
      volumes: fc.array(
        fc.constantFrom(
          { name: 'e', emptyDir: {} },
          { name: 'h', hostPath: { path: '/' } },
          { name: 'n', nfs: { server: 's', path: '/' } },
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ['containers'] },
  ),
});

/** Anything at all, including things that look like pods. */
const anyPodArb = fc.oneof(
  fc.record({ metadata: fc.anything(), spec: fc.anything() }, { requiredKeys: [] }),
  fc.record({ metadata: fc.jsonValue(), spec: fc.jsonValue() }, { requiredKeys: [] }),
  podArb.map((p) => p as Json),
);

function verdicts(pod: Json): boolean[] {
  return LEVELS.map((l) => evaluatePodSecurity(pod, l).allowed);
}

describe('properties', () => {
  it('never throws, and no check ever fails to evaluate, on arbitrary input', () => {
    fc.assert(
      fc.property(anyPodArb, fc.constantFrom(...LEVELS), (pod, level) => {
        const result = evaluatePodSecurity(pod as Json, level);
        expect(result.violations.some((v) => v.message.includes('could not be evaluated'))).toBe(
          false,
        );
        expect(result.allowed).toBe(result.violations.length === 0);
        highestPssLevel(pod as Json);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on a non-object pod', () => {
    fc.assert(
      fc.property(fc.anything(), (pod) => {
        expect(() => evaluatePodSecurity(pod as Json, 'restricted')).not.toThrow();
      }),
    );
  });

  it('restricted-allowed implies baseline-allowed; privileged always allows', () => {
    let restrictedSeen = 0;
    fc.assert(
      fc.property(anyPodArb, (pod) => {
        const [priv, base, restr] = verdicts(pod);
        expect(priv).toBe(true);
        if (restr) {
          restrictedSeen++;
          expect(base).toBe(true);
        }
        const highest = highestPssLevel(pod as Json);
        expect(highest).toBe(restr ? 'restricted' : base ? 'baseline' : 'privileged');
      }),
      { numRuns: 500 },
    );
    expect(restrictedSeen).toBeGreaterThan(0);
  });

  it('__proto__ keys neither change verdicts nor pollute Object.prototype', () => {
    const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const payload = {
      privileged: true,
      hostNetwork: true,
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      securityContext: { privileged: true },
    };
    const locate: Record<string, (p: Json) => Json> = {
      root: (p) => p,
      spec: (p) => p.spec,
      podSc: (p) => (p.spec.securityContext ??= {}),
      container: (p) => p.spec.containers[0],
      sc: (p) => (p.spec.containers[0].securityContext ??= {}),
    };
    fc.assert(
      fc.property(podArb, fc.constantFrom(...Object.keys(locate)), (pod, where) => {
        const clean = JSON.parse(JSON.stringify(pod));
        const dirty = JSON.parse(JSON.stringify(pod));
        locate[where]!(clean);
        // An own "__proto__" data property, exactly what JSON.parse or a YAML parser produces.
        Object.defineProperty(locate[where]!(dirty), '__proto__', {
          value: structuredClone(payload),
          enumerable: true,
          configurable: true,
          writable: true,
        });
        expect(verdicts(dirty)).toEqual(verdicts(clean));
        expect(({} as Json).privileged).toBeUndefined();
        expect(({} as Json).hostNetwork).toBeUndefined();
      }),
      { numRuns: 300 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
  });

  it('a JSON-parsed own __proto__ key is plain data', () => {
    const pod = JSON.parse(
      '{"spec":{"__proto__":{"hostNetwork":true},"containers":[{"name":"a","securityContext":{"__proto__":{"privileged":true}}}]}}',
    );
    expect(Object.prototype.hasOwnProperty.call(pod.spec, '__proto__')).toBe(true);
    expect(evaluatePodSecurity(pod, 'baseline')).toEqual({ allowed: true, violations: [] });
    expect(({} as Json).hostNetwork).toBeUndefined();
  });
});
