import { bool, get, getIn, str, stringMap } from '../manifests/access';
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
import { labelRule, subdomainRule } from './names';
import { refusedNames } from './refusedNames';
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
  for (const pod of pods) {
    // Both read the pod's spec: found once, not from the object's root for every field.
    const spec = get(getIn(pod.object.raw, pod.templatePath), 'spec');
    serviceAccountNameProblem(pod, spec, diagnostics);
    containerNameProblems(pod, spec, diagnostics);
  }

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
    services: readServices(objects),
    networkPolicies: readNetworkPolicies(objects),
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
 * A service account's name is a DNS-1123 subdomain, and the API server refuses a pod, or a
 * workload whose template names one that is not (ValidatePodSpec, through
 * ValidateServiceAccountName = NameIsDNSSubdomain, in pkg/apis/core/validation/validation.go):
 * such a workload never runs. Said as an error, as a field of the wrong type is: a gate must
 * not pass a cluster it read differently from the API server.
 */
function serviceAccountNameProblem(pod: Pod, spec: unknown, diagnostics: Diagnostic[]): void {
  const name = str(get(spec, 'serviceAccountName'));
  if (name === undefined || name === '' || subdomainRule.valid(name)) return;
  const path = [...pod.templatePath, 'spec', 'serviceAccountName'];
  diagnostics.push({
    severity: 'error',
    message: `spec.serviceAccountName ${JSON.stringify(name)} is not a valid name (${subdomainRule.says}): the API server would refuse this ${pod.object.kind}`,
    ...locate(pod.object, path),
  });
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

/**
 * A container's name is required and a DNS-1123 label (ValidatePodSpec → validateContainers,
 * pkg/apis/core/validation/validation.go): the API server refuses the pod, or the workload,
 * otherwise. Said as an error at the name, as for the service account's name above.
 */
function containerNameProblems(pod: Pod, spec: unknown, diagnostics: Diagnostic[]): void {
  for (const c of pod.containers) {
    const name = str(get(getIn(spec, c.path), 'name'));
    if (name !== undefined && labelRule.valid(name)) continue;
    const path = [...pod.templatePath, 'spec', ...c.path, 'name'];
    diagnostics.push({
      severity: 'error',
      message:
        name === undefined || name === ''
          ? `a container needs a name: the API server would refuse this ${pod.object.kind}`
          : `container name ${JSON.stringify(name)} is not valid (${labelRule.says}): the API server would refuse this ${pod.object.kind}`,
      ...locate(pod.object, name === undefined ? path.slice(0, -1) : path),
    });
  }
}

function warnAt(diagnostics: Diagnostic[], at: SourceRef, message: string): void {
  diagnostics.push({ severity: 'warning', message, ...locate(at.object, at.path) });
}
