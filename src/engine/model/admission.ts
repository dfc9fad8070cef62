import { arr, get, getIn, isObj, str, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { locate, ref, type SourceRef } from '../manifests/locate';
import { evaluatePodSecurity, parsePssLevel, type PssLevel, type PssViolation } from '../pss';
import type { Diagnostic, JsonPath } from '../types';
import type { ApiServerSettings, NamespaceInfo, Pod, PodSecurityAdmission, Setting } from './types';

// Admission as the API server applies it to the pods of the manifests: the PodSecurity plugin
// (staging/src/k8s.io/pod-security-admission: api/helpers.go, admission/admission.go) and
// `--allow-privileged` (pkg/apis/core/validation). A pod either refuses does not run.

export const enforceLabel = 'pod-security.kubernetes.io/enforce';
export const enforceVersionLabel = 'pod-security.kubernetes.io/enforce-version';

/** No configuration: every namespace without a label is `privileged`, nothing is exempt. */
export function defaultPodSecurity(): PodSecurityAdmission {
  return {
    enabled: { value: true },
    defaultEnforce: { value: 'privileged' },
    exemptNamespaces: new Set(),
    exemptRuntimeClasses: new Set(),
    exemptUsernames: new Set(),
  };
}

/**
 * `api.ParseLevel`: one of the three levels, exactly; anything else is `restricted` (the
 * plugin fails closed) and an error.
 */
export function parseEnforceLevel(value: string): { level: PssLevel; valid: boolean } {
  const level = parsePssLevel(value);
  return level ? { level, valid: true } : { level: 'restricted', valid: false };
}

/** `api.ParseVersion`: `latest` or `v1.<minor>`; anything else is `latest` and an error. */
export function parseEnforceVersion(value: string): { version: string; valid: boolean } {
  if (value === 'latest' || /^v1\.(0|[1-9][0-9]*)$/.test(value))
    return { version: value, valid: true };
  return { version: 'latest', valid: false };
}

/**
 * The PodSecurityConfiguration the API server was given: inline in an AdmissionConfiguration's
 * `plugins` (name `PodSecurity`), or as its own document (the file a plugin's `path` names).
 * An invalid `defaults` level or version makes the plugin, and so the API server, fail to start.
 */
export function readPodSecurityConfiguration(
  objects: readonly KubeObject[],
  refuse: (message: string, at: SourceRef) => void,
): PodSecurityAdmission {
  const settings = defaultPodSecurity();
  for (const o of objects) {
    let base: JsonPath | undefined;
    if (o.kind === 'PodSecurityConfiguration') base = [];
    else if (o.kind === 'AdmissionConfiguration') {
      const i = arr(get(o.raw, 'plugins')).findIndex(
        (p) => str(get(p, 'name')) === 'PodSecurity' && isObj(get(p, 'configuration')),
      );
      if (i !== -1) base = ['plugins', i, 'configuration'];
    }
    if (!base) continue;
    const config = getIn(o.raw, base);
    const defaults = get(config, 'defaults');
    const enforce = get(defaults, 'enforce');
    if (enforce !== undefined) {
      const at = ref(o, [...base, 'defaults', 'enforce']);
      const level = typeof enforce === 'string' ? parsePssLevel(enforce) : undefined;
      if (level) settings.defaultEnforce = { value: level, at };
      else
        refuse(
          `defaults.enforce: Unsupported value ${JSON.stringify(enforce)}: supported values are "privileged", "baseline", "restricted"`,
          at,
        );
    }
    const version = get(defaults, 'enforce-version');
    if (typeof version === 'string' && parseEnforceVersion(version).valid)
      settings.defaultEnforceVersion = {
        value: version,
        at: ref(o, [...base, 'defaults', 'enforce-version']),
      };
    else if (version !== undefined)
      refuse(
        `defaults.enforce-version: Invalid value ${JSON.stringify(version)}: must be "latest" or "v1.x"`,
        ref(o, [...base, 'defaults', 'enforce-version']),
      );
    const exemptions = get(config, 'exemptions');
    settings.exemptNamespaces = new Set(strings(get(exemptions, 'namespaces')));
    settings.exemptRuntimeClasses = new Set(strings(get(exemptions, 'runtimeClasses')));
    settings.exemptUsernames = new Set(strings(get(exemptions, 'usernames')));
    if (exemptions !== undefined) settings.at = ref(o, [...base, 'exemptions']);
  }
  return settings;
}

/**
 * Who asks the API server for a workload's pods: its controller (with the controller manager's
 * per-controller credentials, kubeadm's default), so an exempt username covers them.
 */
const creators: Record<string, readonly string[]> = {
  Deployment: ['system:serviceaccount:kube-system:replicaset-controller'],
  ReplicaSet: ['system:serviceaccount:kube-system:replicaset-controller'],
  ReplicationController: ['system:serviceaccount:kube-system:replication-controller'],
  StatefulSet: ['system:serviceaccount:kube-system:statefulset-controller'],
  DaemonSet: ['system:serviceaccount:kube-system:daemon-set-controller'],
  Job: ['system:serviceaccount:kube-system:job-controller'],
  CronJob: ['system:serviceaccount:kube-system:job-controller'],
};

/** Pod Security does not check the pod: its namespace, RuntimeClass or creator is exempt. */
export function isExempt(pod: Pod, config: PodSecurityAdmission): boolean {
  if (config.exemptNamespaces.has(pod.namespace)) return true;
  if (config.exemptRuntimeClasses.size > 0) {
    const runtimeClass = str(
      getIn(pod.object.raw, [...pod.templatePath, 'spec', 'runtimeClassName']),
    );
    if (runtimeClass !== undefined && config.exemptRuntimeClasses.has(runtimeClass)) return true;
  }
  if (config.exemptUsernames.size === 0) return false;
  const users = creators[pod.kind];
  // Who created a bare Pod is not in the manifests: it may have been an exempt user (the
  // cautious reading: the pod runs).
  if (!users) return true;
  return (
    users.some((u) => config.exemptUsernames.has(u)) ||
    config.exemptUsernames.has('system:kube-controller-manager')
  );
}

/** A static pod: the kubelet runs it from its manifest directory, past any admission. */
function isStatic(pod: Pod): boolean {
  if (pod.component) return true;
  return (
    pod.kind === 'Pod' &&
    arr(getIn(pod.object.raw, ['metadata', 'ownerReferences'])).some(
      (r) => get(r, 'kind') === 'Node',
    )
  );
}

/**
 * Whoever may create pods in the namespace can have one privileged past Pod Security (the
 * level allows it, the namespace is exempt, or any pod may name an exempt RuntimeClass).
 */
export function admitsPrivileged(
  ns: NamespaceInfo,
  config: PodSecurityAdmission,
): Setting<boolean> {
  if (!config.enabled.value)
    return config.enabled.at ? { value: true, at: config.enabled.at } : { value: true };
  if (ns.enforce.value === 'privileged')
    return ns.enforce.at ? { value: true, at: ns.enforce.at } : { value: true };
  if (config.exemptNamespaces.has(ns.name) || config.exemptRuntimeClasses.size > 0)
    return config.at ? { value: true, at: config.at } : { value: true };
  return ns.enforce.at ? { value: false, at: ns.enforce.at } : { value: false };
}

/**
 * Marks each pod the API server would refuse (`pod.rejected`) and says so at its line: such a
 * pod does not run, so the attack graph does not count its facts until a mess-up brings it back.
 */
export function admitPods(
  pods: readonly Pod[],
  namespaces: ReadonlyMap<string, NamespaceInfo>,
  apiServer: ApiServerSettings,
  diagnostics: Diagnostic[],
): void {
  const config = apiServer.podSecurity;
  for (const pod of pods) {
    if (isStatic(pod)) continue;
    const privileged = pod.containers.find((c) => c.privileged.value);
    if (privileged && !apiServer.allowPrivileged.value) {
      pod.rejected = {
        by: 'allow-privileged',
        checks: ['privileged'],
        at: apiServer.allowPrivileged.at,
      };
      warn(
        diagnostics,
        pod,
        privileged.privileged.at,
        `the API server runs ${apiServer.allowPrivileged.at ? 'with --allow-privileged=false' : 'without --allow-privileged (false by default)'}, so it refuses the privileged container ${privileged.name} of ${pod.kind} ${pod.namespace}/${pod.name}: its pods do not run`,
      );
      continue;
    }
    if (!config.enabled.value || isExempt(pod, config)) continue;
    const ns = namespaces.get(pod.namespace);
    const level = ns?.enforce.value ?? config.defaultEnforce.value;
    if (level === 'privileged') continue;
    const version = ns?.enforceVersion?.value ?? config.defaultEnforceVersion?.value ?? 'latest';
    const failed = violationsAt(pod, version).filter(
      (v) => level === 'restricted' || v.level === 'baseline',
    );
    if (failed.length === 0) continue;
    const checks = [...new Set(failed.map((v) => v.check))];
    pod.rejected = { by: 'pod-security', level, checks, at: ns?.enforce.at };
    warn(
      diagnostics,
      pod,
      { object: pod.object, path: [...pod.templatePath, ...failed[0]!.path] },
      `Pod Security "${level}" on namespace ${pod.namespace} rejects the pods of ${pod.kind} ${pod.namespace}/${pod.name} (${checks.join(', ')}): they do not run until the namespace is relaxed or the pod fixed`,
    );
  }
}

/**
 * The pod's Pod Security violations at restricted under a policy version: the model's own
 * (latest) unless the namespace pins an older one, which is evaluated again (rare).
 */
function violationsAt(pod: Pod, version: string): readonly PssViolation[] {
  if (version === 'latest') return pod.pssViolations;
  const template = getIn(pod.object.raw, pod.templatePath);
  return evaluatePodSecurity(
    { metadata: get(template, 'metadata'), spec: get(template, 'spec') },
    'restricted',
    version,
  ).violations;
}

function warn(
  diagnostics: Diagnostic[],
  pod: Pod,
  at: SourceRef | undefined,
  message: string,
): void {
  const where = at ? locate(at.object, at.path) : locate(pod.object, pod.templatePath);
  diagnostics.push({ severity: 'warning', message, ...where });
}
