import { arr, bool, get, getIn, isObj, str, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { ref, resolve, type SourceRef } from '../manifests/locate';
import type { Diagnostic, JsonPath } from '../types';
import type { ApiServerSettings, EtcdSettings, KubeletSettings, Setting } from './types';

// Control-plane and node settings, read from the formats people really keep them in.
// Defaults are Kubernetes' own where a setting is absent (documented in docs/engine.md).

interface Flag {
  value: string;
  at: SourceRef;
}

/** `--name=value`, `--name value` and bare `--name` (true) from a container's command and args. */
export function readFlags(
  object: KubeObject,
  containerPath: JsonPath,
  container: unknown,
): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const field of ['command', 'args']) {
    const items = arr(get(container, field));
    items.forEach((item, i) => {
      if (typeof item !== 'string' || !item.startsWith('--')) return;
      const eq = item.indexOf('=');
      const name = eq === -1 ? item.slice(2) : item.slice(2, eq);
      let value = eq === -1 ? 'true' : item.slice(eq + 1);
      const next = items[i + 1];
      if (eq === -1 && typeof next === 'string' && !next.startsWith('--') && field === 'args')
        value = next;
      flags.set(name, { value, at: ref(object, [...containerPath, field, i]) });
    });
  }
  return flags;
}

/** The first container whose command runs `binary`, in a Pod such as a static pod manifest. */
export function findComponent(
  objects: readonly KubeObject[],
  binary: string,
): { object: KubeObject; flags: Map<string, Flag> } | undefined {
  for (const object of objects) {
    if (object.kind !== 'Pod') continue;
    const containers = arr(getIn(object.raw, ['spec', 'containers']));
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      const command = [...strings(get(c, 'command')), ...strings(get(c, 'args')).slice(0, 1)];
      if (command.some((part) => part === binary || part.endsWith(`/${binary}`))) {
        return { object, flags: readFlags(object, ['spec', 'containers', i], c) };
      }
    }
  }
  return undefined;
}

const controlPlaneBinaries = [
  'kube-apiserver',
  'etcd',
  'kube-controller-manager',
  'kube-scheduler',
];

/** A static pod of the control plane: only a Pod can be one (every object is asked). */
export function isControlPlanePod(object: KubeObject): boolean {
  if (object.kind !== 'Pod') return false;
  const command = strings(getIn(object.raw, ['spec', 'containers', 0, 'command']));
  return command.some((p) => controlPlaneBinaries.some((b) => p === b || p.endsWith(`/${b}`)));
}

function isPrivateAddress(address: string): boolean {
  const a = address.trim();
  if (a === '' || a === '0.0.0.0' || a === '::') return false;
  if (a === 'localhost' || a.startsWith('127.') || a === '::1') return true;
  if (a.startsWith('10.') || a.startsWith('192.168.') || /^172\.(1[6-9]|2\d|3[01])\./.test(a))
    return true;
  return /^f[cd]/i.test(a);
}

function isTrue(value: string): boolean {
  return value === 'true' || value === '1';
}

/** kubeadm `apiServer.extraArgs`: a map in v1beta3, a list of {name, value} in v1beta4. */
function kubeadmArgs(object: KubeObject): Map<string, Flag> {
  const out = new Map<string, Flag>();
  const extra = getIn(object.raw, ['apiServer', 'extraArgs']);
  if (Array.isArray(extra)) {
    extra.forEach((e, i) => {
      const name = str(get(e, 'name'));
      const value = get(e, 'value');
      if (name)
        out.set(name, {
          value: String(value ?? ''),
          at: ref(object, ['apiServer', 'extraArgs', i]),
        });
    });
  } else if (isObj(extra)) {
    for (const name of Object.keys(extra))
      out.set(name, {
        value: String(extra[name] ?? ''),
        at: ref(object, ['apiServer', 'extraArgs', name]),
      });
  }
  return out;
}

export function readApiServer(
  objects: readonly KubeObject[],
  exposureOverride: Setting<boolean> | undefined,
  diagnostics: Diagnostic[] = [],
): ApiServerSettings {
  const flags = new Map<string, Flag>();
  for (const o of objects)
    if (o.kind === 'ClusterConfiguration') for (const [k, v] of kubeadmArgs(o)) flags.set(k, v);
  const component = findComponent(objects, 'kube-apiserver');
  if (component) for (const [k, v] of component.flags) flags.set(k, v);

  const modes = flags.get('authorization-mode');
  const alwaysAllow: Setting<boolean> = modes
    ? { value: modes.value.split(',').includes('AlwaysAllow'), at: modes.at }
    : { value: false };

  const anon = flags.get('anonymous-auth');
  let anonymousAuth: Setting<boolean> = anon
    ? { value: isTrue(anon.value), at: anon.at }
    : { value: true };
  if (anonymousAuth.value && alwaysAllow.value && modes) {
    // kube-apiserver resets the flag at start-up (pkg/kubeapiserver/options/authentication.go,
    // ApplyAuthorization): anonymous requests get 401, and only authenticated callers are all-powerful.
    anonymousAuth = { value: false, at: modes.at };
    const where = resolve(anon?.at ?? modes.at);
    diagnostics.push({
      severity: 'info',
      message:
        'AnonymousAuth is not allowed with the AlwaysAllow authorizer: kube-apiserver resets --anonymous-auth to false at start-up',
      file: where.file,
      line: where.line,
      column: where.column,
    });
  }
  for (const o of objects) {
    if (o.kind !== 'AuthenticationConfiguration') continue;
    const enabled = bool(getIn(o.raw, ['anonymous', 'enabled']));
    if (enabled === undefined) continue;
    // With conditions, anonymous requests only reach the listed paths (health checks), not the API.
    const conditions = arr(getIn(o.raw, ['anonymous', 'conditions'])).length > 0;
    anonymousAuth = { value: enabled && !conditions, at: ref(o, ['anonymous', 'enabled']) };
  }

  const token = flags.get('token-auth-file');
  const insecure = flags.get('insecure-port');
  const bind = flags.get('bind-address');

  let publicEndpoint: Setting<boolean> = bind
    ? { value: !isPrivateAddress(bind.value), at: bind.at }
    : { value: true };
  for (const o of objects) {
    const managed = managedEndpoint(o);
    if (managed) publicEndpoint = managed;
  }
  if (exposureOverride) publicEndpoint = exposureOverride;

  return {
    anonymousAuth,
    alwaysAllow,
    publicEndpoint,
    tokenAuthFile: token ? { value: token.value, at: token.at } : { value: undefined },
    insecurePort: insecure ? { value: insecure.value !== '0', at: insecure.at } : { value: false },
  };
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

export function readKubelet(objects: readonly KubeObject[]): KubeletSettings {
  // KubeletConfiguration v1beta1 defaults: anonymous off, Webhook authorisation, read-only port 0.
  const settings: KubeletSettings = {
    anonymousAuth: { value: false },
    alwaysAllow: { value: false },
    readOnlyPort: { value: 0 },
  };
  for (const o of objects) {
    if (o.kind !== 'KubeletConfiguration') continue;
    const anon = bool(getIn(o.raw, ['authentication', 'anonymous', 'enabled']));
    if (anon !== undefined)
      settings.anonymousAuth = {
        value: anon,
        at: ref(o, ['authentication', 'anonymous', 'enabled']),
      };
    const mode = str(getIn(o.raw, ['authorization', 'mode']));
    if (mode !== undefined)
      settings.alwaysAllow = {
        value: mode === 'AlwaysAllow',
        at: ref(o, ['authorization', 'mode']),
      };
    const port = get(o.raw, 'readOnlyPort');
    if (typeof port === 'number')
      settings.readOnlyPort = { value: port, at: ref(o, ['readOnlyPort']) };
  }
  return settings;
}

export function readEtcd(objects: readonly KubeObject[]): EtcdSettings {
  const etcd = findComponent(objects, 'etcd');
  if (!etcd) return { present: false, clientCertAuth: { value: true }, exposed: { value: false } };
  const auth = etcd.flags.get('client-cert-auth');
  const listen = etcd.flags.get('listen-client-urls');
  const exposed = listen
    ? listen.value.split(',').some((u) => !/\/\/(127\.|localhost|\[::1\])/.test(u))
    : false;
  return {
    present: true,
    clientCertAuth: auth
      ? { value: isTrue(auth.value), at: auth.at }
      : { value: false, at: ref(etcd.object, ['spec', 'containers', 0, 'command']) },
    exposed: listen ? { value: exposed, at: listen.at } : { value: false },
  };
}
