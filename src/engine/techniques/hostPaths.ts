import type { HostPathMount } from '../model/types';

// Which host paths hand over what. Kept as data so findings and techniques agree.

export const runtimeSocketPaths = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/crio/crio.sock',
  '/var/run/crio/crio.sock',
  '/var/run',
  '/run',
  '/run/containerd',
  '/var/run/containerd',
];
/** Writing here gives code execution as root on the node. */
export const writeToRootPaths = [
  '/',
  '/etc',
  '/root',
  '/home',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/boot',
  '/var',
  '/var/lib',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/etc/kubernetes',
  // The kubelet runs every pod spec written here as a static pod (pkg/kubelet/config/file.go).
  '/etc/kubernetes/manifests',
  '/etc/cron.d',
  '/opt',
];
/** Reading here gives node credentials (SSH keys, the kubelet's kubeconfig, /etc/shadow). */
export const readToRootPaths = [
  '/',
  '/etc',
  '/root',
  '/root/.ssh',
  '/home',
  '/etc/kubernetes',
  '/etc/kubernetes/pki',
  '/var/lib/kubelet/pki',
];
/** Reading here reaches other pods' projected service-account tokens. */
export const podVolumePaths = [
  '/',
  '/var',
  '/var/lib',
  '/var/lib/kubelet',
  '/var/lib/kubelet/pods',
];
export const kernelControlPaths = [
  '/proc',
  '/proc/sys',
  '/proc/sys/kernel',
  '/proc/sys/kernel/core_pattern',
  '/sys',
  '/sys/kernel',
];
export const logPaths = ['/var/log', '/var/log/pods', '/var/log/containers'];

export function mountsOf(
  mounts: readonly HostPathMount[],
  paths: readonly string[],
  writable: boolean,
): HostPathMount | undefined {
  return mounts.find((m) => paths.includes(m.hostPath) && (!writable || !m.readOnly));
}
