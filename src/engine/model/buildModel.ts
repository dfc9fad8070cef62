import { bool, get, getIn, stringMap } from '../manifests/access';
import { append } from '../append';
import type { KubeObject } from '../manifests/document';
import { ref } from '../manifests/locate';
import { locate, type SourceRef } from '../manifests/locate';
import type { PssLevel } from '../pss';
import type { Diagnostic } from '../types';
import {
  admitPods,
  admitsPrivileged,
  enforceLabel,
  enforceVersionLabel,
  parseEnforceLevel,
  parseEnforceVersion,
} from './admission';
import { readApiServer, readEtcd, readKubelet } from './controlPlane';
import { readNetworkPolicies, readServices } from './network';
import { placementDiagnostics, planPlacement } from './placement';
import { configMapRead, readConfigMapsNote } from './readConfigMaps';
import { recogniseComponents } from '../components/recognise';
import { readRbac } from './rbac';
import { kustomizationWarning } from '../templates';
import { readSecrets } from './secrets';
import { readThreatModel, wantsBootstrapPolicy } from './threatModel';
import type { ClusterModel, NamespaceInfo, Pod, Setting } from './types';
import { podsOf } from './workloads';
import { refusedLabels } from './refusedLabels';
import { refusedNames } from './refusedNames';
import { podSpecProblems } from './refusedPodSpecs';
import { acceptedNetworkPolicies } from './refusedNetworkPolicies';
import { withoutRefusedServices } from './refusedServices';
import { withoutRefusedIngresses } from './refusedIngresses';
import { foreignKind } from './servedVersions';
import { asMirrorPod, componentOf } from './staticPods';

/** Kinds read by the model; anything else gets an info diagnostic ("not modelled"). */
export const modelledKinds = new Set([
  'Namespace',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ServiceAccount',
  'Secret',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'Service',
  'Ingress',
  'NetworkPolicy',
  'ClusterConfiguration',
  'AuthenticationConfiguration',
  'AuthorizationConfiguration',
  'AdmissionConfiguration',
  'PodSecurityConfiguration',
  'InitConfiguration',
  'JoinConfiguration',
  'KubeletConfiguration',
  'ClusterConfig',
  'ContainerCluster',
  'ThreatModel',
  'Node',
]);

export function buildModel(
  input: readonly KubeObject[],
  options: { baseline?: string } = {},
): {
  model: ClusterModel;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const objects = leaveOutForeignKinds(input, diagnostics);
  const unmodelled = new Map<string, KubeObject>();
  // ConfigMaps are read by a catalogue (readConfigMaps.ts) or by a recognised component's
  // configuration flag, which only the finished model can say: decided at the end.
  const unreadConfigMaps: KubeObject[] = [];
  for (const o of objects) {
    if (o.kind === 'ConfigMap') {
      if (configMapRead(o)) continue;
      unreadConfigMaps.push(o);
      if (!unmodelled.has(o.kind)) unmodelled.set(o.kind, o);
    } else if (!modelledKinds.has(o.kind) && !unmodelled.has(o.kind)) unmodelled.set(o.kind, o);
  }
  let configMapNoteAt = -1;
  for (const [kind, o] of unmodelled) {
    if (kind === 'ConfigMap') {
      configMapNoteAt = diagnostics.length;
      continue;
    }
    if (kind === 'Kustomization' && o.apiVersion.startsWith('kustomize.config.k8s.io/')) {
      diagnostics.push(kustomizationWarning(o.doc.file, locate(o, ['kind']).line));
      continue;
    }
    diagnostics.push({
      severity: 'info',
      message: `${kind} is not modelled: MUT Lab reads it but it changes nothing in the analysis`,
      file: o.doc.file,
      line: o.doc.startLine,
      column: 1,
    });
  }

  refusedNames(objects, diagnostics);
  refusedLabels(objects, diagnostics);
  // The control plane first: the API server's admission settings decide namespaces' levels.
  const rbac = readRbac(objects, { bootstrapPolicy: wantsBootstrapPolicy(objects) });
  append(diagnostics, rbac.diagnostics);
  const threat = readThreatModel(objects, rbac.subjects, options);
  append(diagnostics, threat.diagnostics);
  const apiServer = readApiServer(
    objects,
    threat.exposure,
    diagnostics,
    threat.settings.baseline.settings,
  );
  const kubelet = readKubelet(objects, diagnostics);
  const etcd = readEtcd(objects, diagnostics);
  const podSecurity = apiServer.podSecurity;

  const namespaces = new Map<string, NamespaceInfo>();
  const ensureNamespace = (name: string) => {
    if (!namespaces.has(name)) {
      const info: NamespaceInfo = {
        name,
        labels: new Map([['kubernetes.io/metadata.name', name]]),
        enforce: podSecurity.defaultEnforce,
      };
      info.admitsPrivileged = admitsPrivileged(info, podSecurity);
      namespaces.set(name, info);
    }
  };
  for (const o of objects) {
    if (o.kind !== 'Namespace') continue;
    const labels = stringMap(getIn(o.raw, ['metadata', 'labels']));
    labels.set('kubernetes.io/metadata.name', o.name);
    const info: NamespaceInfo = {
      name: o.name,
      labels,
      enforce: readEnforce(o, labels, podSecurity.defaultEnforce.value, diagnostics),
      enforceVersion: readEnforceVersion(o, labels, diagnostics),
    };
    info.admitsPrivileged = admitsPrivileged(info, podSecurity);
    namespaces.set(o.name, info);
  }

  // The input's control-plane static pods say there is a control-plane node, whatever the
  // baseline says of who runs it.
  const placement = planPlacement(
    objects,
    threat.settings.nodes,
    threat.settings.baseline.settings.managedControlPlane && !objects.some((o) => componentOf(o)),
  );
  const pods: Pod[] = [];
  for (const o of objects) {
    // The control plane's static pods run on its node, as their mirror pods: the kubelet
    // starts them, not the scheduler.
    const component = componentOf(o);
    const pod = podsOf(o, (spec) =>
      component
        ? placement.controlPlane
        : (placement.place(spec, `${o.namespace ?? 'default'}-${o.name}`) ?? ''),
    );
    if (!pod) continue;
    if (component) asMirrorPod(pod, component, placement.controlPlane);
    ensureNamespace(pod.namespace);
    pods.push(pod);
  }
  placementDiagnostics(pods, placement, threat.settings, diagnostics);
  for (const pod of pods) podSpecProblems(pod, diagnostics);

  const serviceAccounts: ClusterModel['serviceAccounts'] = new Map();
  for (const o of objects) {
    if (o.kind !== 'ServiceAccount') continue;
    const automount = bool(get(o.raw, 'automountServiceAccountToken'));
    serviceAccounts.set(`${o.namespace ?? 'default'}/${o.name}`, {
      object: o,
      automount:
        automount === undefined
          ? undefined
          : { value: automount, at: ref(o, ['automountServiceAccountToken']) },
    });
  }
  for (const pod of pods) {
    const key = `${pod.namespace}/${pod.serviceAccount}`;
    if (!serviceAccounts.has(key)) serviceAccounts.set(key, {});
    // The pod's own field wins over the service account's.
    const sa = serviceAccounts.get(key);
    if (!pod.automountToken.at && sa?.automount) pod.automountToken = sa.automount;
  }

  const secrets = readSecrets(objects);

  const subjects = new Set(rbac.subjects);
  for (const c of threat.settings.credentials) subjects.add(c.subject);
  for (const [key] of serviceAccounts) subjects.add(`sa:${key.replace('/', ':')}`);

  for (const o of objects) {
    const ns = o.namespace;
    if (ns) ensureNamespace(ns);
  }
  // Empty `default` still matters: the attacker may create pods there.
  ensureNamespace('default');
  admitPods(pods, namespaces, apiServer, diagnostics);

  const model: ClusterModel = {
    objects: [...objects],
    namespaces,
    pods,
    serviceAccounts,
    secrets,
    rbac: rbac.rbac,
    subjects,
    services: readServices(
      withoutRefusedIngresses(withoutRefusedServices(objects, diagnostics), diagnostics),
    ),
    networkPolicies: readNetworkPolicies(acceptedNetworkPolicies(objects, diagnostics)),
    apiServer,
    kubelet,
    etcd,
    nodes: placement.nodes,
    controlPlaneNode: placement.controlPlane,
    threat: threat.settings,
  };
  if (configMapNoteAt >= 0) {
    const read = new Set(recogniseComponents(model).map((m) => m.configMap));
    const o = unreadConfigMaps.find((c) => !read.has(c));
    if (o)
      diagnostics.splice(configMapNoteAt, 0, {
        severity: 'info',
        message: `ConfigMap is not modelled: MUT Lab reads it but it changes nothing in the analysis${readConfigMapsNote()}`,
        file: o.doc.file,
        line: o.doc.startLine,
        column: 1,
      });
  }
  return { model, diagnostics };
}

/**
 * The `enforce` label as the PodSecurity plugin reads it (api.PolicyToEvaluate): a value it
 * cannot parse is `restricted`; without the label, the configured default.
 */
function readEnforce(
  o: KubeObject,
  labels: ReadonlyMap<string, string>,
  fallback: PssLevel,
  diagnostics: Diagnostic[],
): Setting<PssLevel> {
  const value = labels.get(enforceLabel);
  if (value === undefined) return { value: fallback, at: ref(o, ['metadata']) };
  const at = ref(o, ['metadata', 'labels', enforceLabel]);
  const { level, valid } = parseEnforceLevel(value);
  if (!valid)
    warnAt(
      diagnostics,
      at,
      `${JSON.stringify(value)} is not a Pod Security level (privileged, baseline or restricted): the admission plugin enforces "restricted" for it, and refuses to create or change a namespace with it`,
    );
  return { value: level, at };
}

/** `enforce-version`: `latest` or `v1.x`; a value the plugin cannot parse is `latest`. */
function readEnforceVersion(
  o: KubeObject,
  labels: ReadonlyMap<string, string>,
  diagnostics: Diagnostic[],
): Setting<string> | undefined {
  const value = labels.get(enforceVersionLabel);
  if (value === undefined) return undefined;
  const at = ref(o, ['metadata', 'labels', enforceVersionLabel]);
  const { version, valid } = parseEnforceVersion(value);
  if (!valid)
    warnAt(
      diagnostics,
      at,
      `${JSON.stringify(value)} is not a Pod Security version ("latest" or "v1.x"): the admission plugin enforces the latest version for it`,
    );
  return { value: version, at };
}

/**
 * A custom resource whose kind is also a built-in one's (Knative's `serving.knative.dev/v1`
 * Service) is not that kind: not modelled, said once per group and kind.
 */
function leaveOutForeignKinds(
  input: readonly KubeObject[],
  diagnostics: Diagnostic[],
): readonly KubeObject[] {
  if (!input.some((o) => foreignKind(o.kind, o.apiVersion))) return input;
  const said = new Set<string>();
  return input.filter((o) => {
    if (!foreignKind(o.kind, o.apiVersion)) return true;
    const key = `${o.apiVersion} ${o.kind}`;
    if (!said.has(key)) {
      said.add(key);
      diagnostics.push({
        severity: 'info',
        message: `${o.kind} of ${o.apiVersion} is a custom resource, not the Kubernetes ${o.kind}: it is not modelled`,
        ...locate(o, ['apiVersion']),
      });
    }
    return false;
  });
}

function warnAt(diagnostics: Diagnostic[], at: SourceRef, message: string): void {
  diagnostics.push({ severity: 'warning', message, ...locate(at.object, at.path) });
}
