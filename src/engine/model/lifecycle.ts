import { get, getIn, str } from '../manifests/access';
import { servicesOf } from './network';
import type { Pod, Service } from './types';

// Workloads as they run (issue #21, item 5). A Job, a CronJob's Job, a Helm hook and a bare
// Pod that is not restarted run to completion: a batch process that listens on no port
// unless it says so. Such a pod is a network target only when one of its containers
// declares a port or a Service selects it; a long-running pod is one whether or not it
// declares its ports (`containerPort` is informational, a server listens regardless).
// Everything else about a run-to-completion pod stands: its template is what runs each time
// (on schedule, on each `helm upgrade`, when a pipeline applies it again), so code execution
// in it while it runs (exec, attach, a compromised image) is still code execution with its
// service account, and a Job that has completed is not told apart: the model has no time.

/** The pod runs to completion rather than serving (Job, CronJob, Helm hook, Pod not restarted). */
export function runsToCompletion(pod: Pod): boolean {
  if (pod.kind === 'Job' || pod.kind === 'CronJob') return true;
  // Helm runs hooks at install, upgrade, delete or test time (helm.sh/hook, helm's pkg/release/hook.go).
  if (str(getIn(pod.object.raw, ['metadata', 'annotations', 'helm.sh/hook'])) !== undefined)
    return true;
  if (pod.kind !== 'Pod') return false;
  const restart = str(get(getIn(pod.object.raw, [...pod.templatePath, 'spec']), 'restartPolicy'));
  return restart === 'Never' || restart === 'OnFailure';
}

/**
 * Whether the pod listens for connections an attacker could send a bug: always for a
 * serving pod; for a run-to-completion pod, only when a container (not an init container)
 * declares a port or a Service of its namespace selects it.
 */
export function listens(pod: Pod, services: readonly Service[]): boolean {
  if (!runsToCompletion(pod)) return true;
  if (pod.containers.some((c) => c.ports.length > 0 && c.path[0] === 'containers')) return true;
  return servicesOf(pod, services).length > 0;
}
