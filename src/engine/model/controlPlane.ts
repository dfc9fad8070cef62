import { arr, bool, get, getIn, isObj, str, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { locate, ref, resolve, type SourceRef } from '../manifests/locate';
import type { Diagnostic, JsonPath } from '../types';
import { defaultPodSecurity, readPodSecurityConfiguration } from './admission';
import {
  parseGoBool,
  parseGoInt,
  readCommandLine,
  runsBinary,
  type CommandLine,
  type Flag,
} from './flags';
import type { ApiServerSettings, EtcdSettings, KubeletSettings, Setting } from './types';
import { defaultBaseline, type BaselineSettings } from '../baselines';
import { dns1123Subdomain } from './names';

// Control-plane and node settings, read from the formats people really keep them in.
// Defaults are Kubernetes' own where a setting is absent (documented in docs/engine.md).

/** What a component's command line says, with the static pod it was read from. */
export interface Component {
  object: KubeObject;
  /** The container running the binary, from the object. */
  containerPath: JsonPath;
  line: CommandLine;
}

/** The first container whose command runs `binary`, in a Pod such as a static pod manifest. */
export function findComponent(
  objects: readonly KubeObject[],
  binary: string,
  booleans: ReadonlySet<string> = noBooleans,
): Component | undefined {
  for (const object of objects) {
    if (object.kind !== 'Pod') continue;
    const containers = arr(getIn(object.raw, ['spec', 'containers']));
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (!runsBinary(c, binary)) continue;
      const containerPath = ['spec', 'containers', i];
      return {
        object,
        containerPath,
        line: readCommandLine(object, containerPath, c, binary, booleans),
      };
    }
  }
  return undefined;
}

const noBooleans: ReadonlySet<string> = new Set();

// Boolean flags take no separate value (see readCommandLine). The ones read here, and common
// ones whose value, written apart, would be taken for an argument.
export const apiServerBooleans: ReadonlySet<string> = new Set([
  'anonymous-auth',
  'allow-privileged',
  'enable-bootstrap-token-auth',
  'enable-aggregator-routing',
  'enable-priority-and-fairness',
  'enable-garbage-collector',
  'profiling',
  'contention-profiling',
  'service-account-lookup',
  'audit-log-compress',
  'logtostderr',
]);
const kubeletBooleans: ReadonlySet<string> = new Set([
  'anonymous-auth',
  'authentication-token-webhook',
  'rotate-certificates',
  'rotate-server-certificates',
  'protect-kernel-defaults',
  'fail-swap-on',
  'make-iptables-util-chains',
  'serialize-image-pulls',
]);
const etcdBooleans: ReadonlySet<string> = new Set([
  'client-cert-auth',
  'peer-client-cert-auth',
  'auto-tls',
  'peer-auto-tls',
  'enable-pprof',
  'debug',
]);

/** Reports that `component` would exit at start: an error that keeps a stage from being won. */
function refusal(
  diagnostics: Diagnostic[],
  component: string,
): (message: string, at: SourceRef) => void {
  return (message, at) =>
    diagnostics.push({
      severity: 'error',
      code: 'would-not-start',
      message: `${component} would not start: ${message}. A setting it refuses is no fix.`,
      ...locate(at.object, at.path),
    });
}

/** A boolean flag as pflag reads it; a value it refuses is reported and the default kept. */
function boolFlag(
  flags: ReadonlyMap<string, Flag[]>,
  name: string,
  fallback: boolean,
  refuse: (message: string, at: SourceRef) => void,
): Setting<boolean> {
  const f = lastOf(flags, name);
  if (!f) return { value: fallback };
  const value = parseGoBool(f.value);
  if (value !== undefined) return { value, at: f.at };
  refuse(
    `invalid argument ${JSON.stringify(f.value)} for --${name}: a boolean is true, false, 1, 0, t, f (or TRUE, True, FALSE, False, T, F)`,
    f.at,
  );
  return { value: fallback, at: f.at };
}

function lastOf(flags: ReadonlyMap<string, Flag[]>, name: string): Flag | undefined {
  const all = flags.get(name);
  return all ? all[all.length - 1] : undefined;
}

function isPrivateAddress(address: string): boolean {
  const a = address.trim();
  if (a === '' || a === '0.0.0.0' || a === '::') return false;
  if (a === 'localhost' || a.startsWith('127.') || a === '::1') return true;
  if (a.startsWith('10.') || a.startsWith('192.168.') || /^172\.(1[6-9]|2\d|3[01])\./.test(a))
    return true;
  return /^f[cd]/i.test(a);
}

/**
 * kubeadm's extra arguments (`apiServer.extraArgs`, `nodeRegistration.kubeletExtraArgs`): a map
 * in v1beta3, a list of {name, value} in v1beta4 (where a name may repeat). kubeadm writes each
 * as `--name=value`.
 */
function kubeadmArgs(object: KubeObject, path: JsonPath): Map<string, Flag[]> {
  const out = new Map<string, Flag[]>();
  const add = (name: string, value: unknown, at: SourceRef) => {
    const flag = { value: String(value ?? ''), at };
    const list = out.get(name);
    if (list) list.push(flag);
    else out.set(name, [flag]);
  };
  const extra = getIn(object.raw, path);
  if (Array.isArray(extra)) {
    extra.forEach((e, i) => {
      const name = str(get(e, 'name'));
      if (name) add(name, get(e, 'value'), ref(object, [...path, i]));
    });
  } else if (isObj(extra)) {
    for (const name of Object.keys(extra)) add(name, extra[name], ref(object, [...path, name]));
  }
  return out;
}

/** The authorizers kube-apiserver knows (pkg/kubeapiserver/authorizer/modes). */
export const authorizationModes: readonly string[] = [
  'AlwaysAllow',
  'AlwaysDeny',
  'ABAC',
  'Webhook',
  'RBAC',
  'Node',
];

/**
 * Where the API server's settings come from, and so what an absent flag means: a static pod
 * is the binary's own command line (its defaults: AlwaysAllow authorisation, privileged
 * containers refused); kubeadm's ClusterConfiguration adds kubeadm's defaults (Node,RBAC,
 * `--allow-privileged=true`); with neither, a cluster as distributions set it up.
 */
type ApiServerSource = 'static-pod' | 'kubeadm' | 'assumed';

export function readApiServer(
  objects: readonly KubeObject[],
  exposureOverride: Setting<boolean> | undefined,
  diagnostics: Diagnostic[] = [],
  baseline: BaselineSettings = defaultBaseline.settings,
): ApiServerSettings {
  const refuse = refusal(diagnostics, 'kube-apiserver');
  const component = findComponent(objects, 'kube-apiserver', apiServerBooleans);
  const kubeadm = objects.find((o) => o.kind === 'ClusterConfiguration');
  const source: ApiServerSource = component ? 'static-pod' : kubeadm ? 'kubeadm' : 'assumed';
  let flags = new Map<string, Flag[]>();
  if (component) {
    // The static pod is what runs: kubeadm wrote its ClusterConfiguration's arguments into it.
    flags = component.line.flags;
    for (const p of component.line.problems) refuse(p.message, p.at);
  } else if (kubeadm) flags = kubeadmArgs(kubeadm, ['apiServer', 'extraArgs']);
  const flag = (name: string) => lastOf(flags, name);
  /** A configuration file counts when the API server is given it (or nothing says how it runs). */
  const given = (name: string) => source === 'assumed' || flags.has(name);
  const commandAt: SourceRef | undefined = component
    ? ref(component.object, [...component.containerPath, 'command'])
    : kubeadm && ref(kubeadm, ['apiServer']);

  // A command line (or kubeadm's) is read as the binary reads it: absent, the flag is on.
  // Only a cluster whose API server the input does not show takes the baseline's word.
  let anonymousAuth = boolFlag(
    flags,
    'anonymous-auth',
    source === 'assumed' ? baseline.anonymousAuth : true,
    refuse,
  );
  const authentication = given('authentication-config')
    ? objects.find((o) => o.kind === 'AuthenticationConfiguration')
    : undefined;
  const configured = authentication && readAnonymous(authentication, refuse);
  if (configured) {
    const anon = flag('anonymous-auth');
    if (anon)
      refuse(
        '--anonymous-auth cannot be set when the --authentication-config file configures anonymous',
        anon.at,
      );
    anonymousAuth = configured;
  }

  const authorization = readAuthorization(
    objects,
    flags,
    source,
    given('authorization-config'),
    commandAt,
    refuse,
  );
  const modes = authorization.value.modes;
  const inChain = (mode: string): Setting<boolean> =>
    authorization.at
      ? { value: modes.includes(mode), at: authorization.at }
      : { value: modes.includes(mode) };
  // The authorizers run in order and the first Allow or Deny decides. Node, RBAC and ABAC never
  // deny and AlwaysDeny has no opinion, so only a Webhook before AlwaysAllow could deny what it
  // allows: the chain allows everything (the cautious reading of an unknown webhook).
  const alwaysAllow = inChain('AlwaysAllow');
  if (anonymousAuth.value && alwaysAllow.value && !configured) {
    // kube-apiserver resets the flag at start-up (ApplyAuthorization in
    // pkg/kubeapiserver/options/authentication.go): anonymous requests get 401, and only
    // authenticated callers are all-powerful. An AuthenticationConfiguration is not reset.
    const where = resolve(anonymousAuth.at ?? alwaysAllow.at ?? commandAt!);
    anonymousAuth = { value: false, at: alwaysAllow.at ?? anonymousAuth.at };
    diagnostics.push({
      severity: 'info',
      message:
        'AnonymousAuth is not allowed with the AlwaysAllow authorizer: kube-apiserver resets --anonymous-auth to false at start-up',
      file: where.file,
      line: where.line,
      column: where.column,
    });
  }

  const allowPrivileged = boolFlag(flags, 'allow-privileged', source !== 'static-pod', refuse);
  const disabled = flag('disable-admission-plugins');
  const podSecurity = given('admission-control-config-file')
    ? readPodSecurityConfiguration(objects, refuse)
    : defaultPodSecurity();
  if (source === 'assumed' && !podSecurity.defaultEnforce.at)
    podSecurity.defaultEnforce = { value: baseline.podSecurityDefault };
  if (disabled && disabled.value.split(',').includes('PodSecurity'))
    podSecurity.enabled = { value: false, at: disabled.at };

  const token = flag('token-auth-file');
  const insecure = flag('insecure-port');
  const insecurePort = insecure ? parseGoInt(insecure.value) : 0;
  if (insecurePort === undefined)
    refuse(
      `invalid argument ${JSON.stringify(insecure!.value)} for --insecure-port: not an integer`,
      insecure!.at,
    );
  const bind = flag('bind-address');

  let publicEndpoint: Setting<boolean> = bind
    ? { value: !isPrivateAddress(bind.value), at: bind.at }
    : { value: baseline.publicEndpoint };
  for (const o of objects) {
    const managed = managedEndpoint(o);
    if (managed) publicEndpoint = managed;
  }
  if (exposureOverride) publicEndpoint = exposureOverride;

  return {
    anonymousAuth,
    authorization,
    alwaysAllow,
    rbacEnabled: inChain('RBAC'),
    nodeEnabled: inChain('Node'),
    allowPrivileged,
    podSecurity,
    publicEndpoint,
    tokenAuthFile: token ? { value: token.value, at: token.at } : { value: undefined },
    insecurePort: insecure
      ? { value: (insecurePort ?? 0) !== 0, at: insecure.at }
      : { value: false },
  };
}

/**
 * `anonymous` of an AuthenticationConfiguration (apiserver.config.k8s.io): with `conditions`,
 * anonymous requests reach only the listed paths (matched exactly), so anonymous reaches the
 * API only if one of them is an API path. Conditions without `enabled: true` are invalid.
 */
function readAnonymous(
  o: KubeObject,
  refuse: (message: string, at: SourceRef) => void,
): Setting<boolean> | undefined {
  const anonymous = get(o.raw, 'anonymous');
  if (anonymous === undefined) return undefined;
  const enabled = get(anonymous, 'enabled');
  const at = ref(o, ['anonymous', 'enabled']);
  if (typeof enabled !== 'boolean') {
    refuse(`anonymous.enabled must be true or false, got ${JSON.stringify(enabled ?? null)}`, at);
    return { value: true, at };
  }
  const conditions = arr(get(anonymous, 'conditions'));
  if (!enabled && conditions.length > 0)
    refuse(
      'anonymous.conditions: enabled should be set to true when conditions are defined',
      ref(o, ['anonymous', 'conditions']),
    );
  const reachesApi =
    conditions.length === 0 || conditions.some((c) => /^\/apis?\//.test(str(get(c, 'path')) ?? ''));
  return { value: enabled && reachesApi, at };
}

/**
 * The authorizer chain: `--authorization-config` (an AuthorizationConfiguration's
 * `authorizers`, by type) or `--authorization-mode` (a comma-separated list, repeats append),
 * which is AlwaysAllow when neither is set. Refused as BuiltInAuthorizationOptions.Validate and
 * ValidateAuthorizationConfiguration refuse them.
 */
function readAuthorization(
  objects: readonly KubeObject[],
  flags: ReadonlyMap<string, Flag[]>,
  source: ApiServerSource,
  configGiven: boolean,
  commandAt: SourceRef | undefined,
  refuse: (message: string, at: SourceRef) => void,
): Setting<{ modes: readonly string[] }> {
  const modeFlags = flags.get('authorization-mode') ?? [];
  const configFlag = lastOf(flags, 'authorization-config');
  const config = configGiven
    ? objects.find((o) => o.kind === 'AuthorizationConfiguration')
    : undefined;
  if (configFlag) {
    const legacy = [...flags.keys()].find(
      (k) => k === 'authorization-mode' || k.startsWith('authorization-webhook-'),
    );
    if (legacy)
      refuse(
        `--authorization-config can not be specified when --authorization-mode or --authorization-webhook-* flags are defined (--${legacy})`,
        lastOf(flags, legacy)!.at,
      );
  }
  if (config) return readAuthorizationConfiguration(config, refuse);
  if (configFlag)
    // The file is not in the input: what it says is unknown; assume the usual chain.
    return { value: { modes: ['Node', 'RBAC'] }, at: configFlag.at };

  if (modeFlags.length === 0) {
    if (source === 'static-pod')
      return commandAt
        ? { value: { modes: ['AlwaysAllow'] }, at: commandAt }
        : { value: { modes: ['AlwaysAllow'] } };
    // kubeadm's default, and what every distribution runs.
    return { value: { modes: ['Node', 'RBAC'] } };
  }
  const modes = modeFlags.flatMap((f) => (f.value === '' ? [] : f.value.split(',')));
  const at = modeFlags[modeFlags.length - 1]!.at;
  if (modes.length === 0) return { value: { modes: ['AlwaysAllow'] }, at };
  for (const mode of modes)
    if (!authorizationModes.includes(mode))
      refuse(
        `authorization-mode ${JSON.stringify(mode)} is not a valid mode (one of ${authorizationModes.join(', ')})`,
        at,
      );
  if (new Set(modes).size !== modes.length)
    refuse(
      `authorization-mode ${JSON.stringify(modes.join(','))} has mode specified more than once`,
      at,
    );
  const pairs: [string, string][] = [
    ['ABAC', 'authorization-policy-file'],
    ['Webhook', 'authorization-webhook-config-file'],
  ];
  for (const [mode, file] of pairs) {
    const fileFlag = lastOf(flags, file);
    if (modes.includes(mode) && !fileFlag) refuse(`authorization-mode ${mode} needs --${file}`, at);
    if (fileFlag && !modes.includes(mode))
      refuse(`cannot specify --${file} without mode ${mode}`, fileFlag.at);
  }
  return { value: { modes: modes.filter((m) => authorizationModes.includes(m)) }, at };
}

function readAuthorizationConfiguration(
  o: KubeObject,
  refuse: (message: string, at: SourceRef) => void,
): Setting<{ modes: readonly string[] }> {
  const authorizers = arr(get(o.raw, 'authorizers'));
  if (authorizers.length === 0)
    refuse('authorizers: at least one authorization mode must be defined', ref(o));
  const modes: string[] = [];
  const names = new Set<string>();
  authorizers.forEach((a, i) => {
    const type = str(get(a, 'type')) ?? '';
    const at = ref(o, ['authorizers', i, 'type']);
    if (!authorizationModes.includes(type)) {
      refuse(
        `authorizers[${i}].type: Unsupported value ${JSON.stringify(type)}: supported values are ${authorizationModes.join(', ')}`,
        at,
      );
      return;
    }
    if (modes.includes(type) && type !== 'Webhook') {
      refuse(`authorizers[${i}].type: Duplicate value ${JSON.stringify(type)}`, at);
      return;
    }
    modes.push(type);
    const name = str(get(a, 'name')) ?? '';
    const nameAt = ref(o, ['authorizers', i, 'name']);
    if (name === '') refuse(`authorizers[${i}].name: Required value`, nameAt);
    else if (names.has(name))
      refuse(`authorizers[${i}].name: Duplicate value ${JSON.stringify(name)}`, nameAt);
    else if (!dns1123Subdomain.test(name))
      refuse(
        `authorizers[${i}].name: Invalid value ${JSON.stringify(name)}: authorizer name is invalid (a DNS subdomain)`,
        nameAt,
      );
    names.add(name);
    const webhook = get(a, 'webhook');
    if (type === 'Webhook' && webhook === undefined)
      refuse(`authorizers[${i}].webhook: Required value: required when type=Webhook`, at);
    if (type !== 'Webhook' && webhook !== undefined)
      refuse(
        `authorizers[${i}].webhook: may only be specified when type=Webhook`,
        ref(o, ['authorizers', i, 'webhook']),
      );
  });
  return { value: { modes }, at: ref(o, ['authorizers']) };
}

/** eksctl `ClusterConfig` and GKE's Config Connector `ContainerCluster` say whether the endpoint is public. */
function managedEndpoint(o: KubeObject): Setting<boolean> | undefined {
  if (o.kind === 'ClusterConfig' && o.apiVersion.startsWith('eksctl.io/')) {
    const endpoints = getIn(o.raw, ['vpc', 'clusterEndpoints']);
    const publicAccess = bool(get(endpoints, 'publicAccess'));
    const cidrs = strings(getIn(o.raw, ['vpc', 'publicAccessCIDRs']));
    if (publicAccess === false)
      return { value: false, at: ref(o, ['vpc', 'clusterEndpoints', 'publicAccess']) };
    if (cidrs.length > 0 && !cidrs.includes('0.0.0.0/0'))
      return { value: false, at: ref(o, ['vpc', 'publicAccessCIDRs']) };
    return {
      value: true,
      at: ref(
        o,
        publicAccess === undefined ? ['vpc'] : ['vpc', 'clusterEndpoints', 'publicAccess'],
      ),
    };
  }
  if (
    o.kind === 'ContainerCluster' &&
    o.apiVersion.startsWith('container.cnrm.cloud.google.com/')
  ) {
    const privateEndpoint = bool(
      getIn(o.raw, ['spec', 'privateClusterConfig', 'enablePrivateEndpoint']),
    );
    if (privateEndpoint === true)
      return {
        value: false,
        at: ref(o, ['spec', 'privateClusterConfig', 'enablePrivateEndpoint']),
      };
    const blocks = arr(getIn(o.raw, ['spec', 'masterAuthorizedNetworksConfig', 'cidrBlocks'])).map(
      (b) => str(get(b, 'cidrBlock')) ?? '',
    );
    if (blocks.length > 0 && !blocks.includes('0.0.0.0/0'))
      return { value: false, at: ref(o, ['spec', 'masterAuthorizedNetworksConfig']) };
    return { value: true, at: ref(o, ['spec']) };
  }
  return undefined;
}

/**
 * The kubelets' API settings: KubeletConfiguration fields, typed as the kubelet decodes them,
 * then kubelet flags (a `kubelet` command line, or kubeadm's `nodeRegistration.kubeletExtraArgs`),
 * which win over the file as they do for the kubelet.
 */
export function readKubelet(
  objects: readonly KubeObject[],
  diagnostics: Diagnostic[] = [],
): KubeletSettings {
  const refuse = refusal(diagnostics, 'kubelet');
  // KubeletConfiguration v1beta1 defaults: anonymous off, Webhook authorisation, read-only port 0.
  const settings: KubeletSettings = {
    anonymousAuth: { value: false },
    alwaysAllow: { value: false },
    readOnlyPort: { value: 0 },
  };
  for (const o of objects) {
    if (o.kind !== 'KubeletConfiguration') continue;
    const anonPath = ['authentication', 'anonymous', 'enabled'];
    const anon = getIn(o.raw, anonPath);
    if (typeof anon === 'boolean') settings.anonymousAuth = { value: anon, at: ref(o, anonPath) };
    else if (anon !== undefined)
      refuse(
        `authentication.anonymous.enabled must be true or false, got ${JSON.stringify(anon)}`,
        ref(o, anonPath),
      );
    const mode = getIn(o.raw, ['authorization', 'mode']);
    if (mode !== undefined) {
      const at = ref(o, ['authorization', 'mode']);
      if (mode === 'AlwaysAllow' || mode === 'Webhook')
        settings.alwaysAllow = { value: mode === 'AlwaysAllow', at };
      else
        refuse(
          `authorization.mode must be AlwaysAllow or Webhook, got ${JSON.stringify(mode)}`,
          at,
        );
    }
    const port = get(o.raw, 'readOnlyPort');
    if (port !== undefined) {
      const at = ref(o, ['readOnlyPort']);
      if (typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535)
        settings.readOnlyPort = { value: port, at };
      else
        refuse(
          `readOnlyPort (--read-only-port) ${JSON.stringify(port)} must be an integer between 0 and 65535, inclusive`,
          at,
        );
    }
  }

  let flags: Map<string, Flag[]> | undefined;
  const component = findComponent(objects, 'kubelet', kubeletBooleans);
  if (component) {
    flags = component.line.flags;
    for (const p of component.line.problems) refuse(p.message, p.at);
  } else {
    const kubeadm = objects.find(
      (o) => o.kind === 'InitConfiguration' || o.kind === 'JoinConfiguration',
    );
    if (kubeadm) flags = kubeadmArgs(kubeadm, ['nodeRegistration', 'kubeletExtraArgs']);
  }
  if (!flags) return settings;
  if (flags.has('anonymous-auth'))
    settings.anonymousAuth = boolFlag(
      flags,
      'anonymous-auth',
      settings.anonymousAuth.value,
      refuse,
    );
  const mode = lastOf(flags, 'authorization-mode');
  if (mode) {
    if (mode.value === 'AlwaysAllow' || mode.value === 'Webhook')
      settings.alwaysAllow = { value: mode.value === 'AlwaysAllow', at: mode.at };
    else
      refuse(
        `--authorization-mode must be AlwaysAllow or Webhook, got ${JSON.stringify(mode.value)}`,
        mode.at,
      );
  }
  const port = lastOf(flags, 'read-only-port');
  if (port) {
    const n = parseGoInt(port.value);
    if (n !== undefined && n >= 0 && n <= 65535) settings.readOnlyPort = { value: n, at: port.at };
    else
      refuse(
        `--read-only-port ${JSON.stringify(port.value)} must be an integer between 0 and 65535, inclusive`,
        port.at,
      );
  }
  return settings;
}

export function readEtcd(
  objects: readonly KubeObject[],
  diagnostics: Diagnostic[] = [],
): EtcdSettings {
  const etcd = findComponent(objects, 'etcd', etcdBooleans);
  if (!etcd) return { present: false, clientCertAuth: { value: true }, exposed: { value: false } };
  const refuse = refusal(diagnostics, 'etcd');
  for (const p of etcd.line.problems) refuse(p.message, p.at);
  const listen = lastOf(etcd.line.flags, 'listen-client-urls');
  const exposed = listen
    ? listen.value.split(',').some((u) => !/\/\/(127\.|localhost|\[::1\])/.test(u))
    : false;
  const auth = boolFlag(etcd.line.flags, 'client-cert-auth', false, refuse);
  return {
    present: true,
    clientCertAuth: auth.at
      ? auth
      : { value: false, at: ref(etcd.object, [...etcd.containerPath, 'command']) },
    exposed: listen ? { value: exposed, at: listen.at } : { value: false },
  };
}
