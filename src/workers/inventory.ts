// What the map draws besides the attack: the objects of the cluster, read with the engine's
// own parser so line numbers agree with its diagnostics. Runs in the worker, off the page.
import { readObjects } from '../engine/manifests/objects';
import { parseFiles } from '../engine/manifests/parseFiles';
import type { InputFile } from '../engine';
import type { InventoryItem } from './engineProtocol';

const workloadKinds = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

export function inventoryOf(files: readonly InputFile[]): InventoryItem[] {
  const { documents } = parseFiles(files);
  const { objects } = readObjects(documents);
  const items = new Map<string, InventoryItem>();
  const add = (item: InventoryItem) => {
    if (!items.has(item.id)) items.set(item.id, item);
  };
  for (const object of objects) {
    const at = { file: object.doc.file, line: object.doc.startLine };
    const ns = object.namespace ?? 'default';
    const base = { kind: object.kind, name: object.name, ...at };
    if (object.kind === 'Pod' && object.name === 'kube-apiserver' && ns === 'kube-system') {
      add({ id: 'api', ...base, namespace: ns });
    } else if (workloadKinds.has(object.kind)) {
      add({ id: `pod:${ns}/${object.kind}/${object.name}`, ...base, namespace: ns });
    } else if (object.kind === 'ServiceAccount') {
      add({ id: `id:sa:${ns}:${object.name}`, ...base, namespace: ns });
    } else if (object.kind === 'Secret') {
      add({ id: `secret:${ns}/${object.name}`, ...base, namespace: ns });
    } else if (object.kind === 'Node') {
      add({ id: `node:${object.name}`, ...base });
    } else if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
      const subjects = isObj(object.raw) ? object.raw['subjects'] : undefined;
      for (const subject of Array.isArray(subjects) ? subjects : []) {
        if (!isObj(subject)) continue;
        const kind = subject['kind'];
        const name = typeof subject['name'] === 'string' ? subject['name'] : '';
        if (kind === 'User') add({ id: `id:user:${name}`, kind: 'User', name, ...at });
        if (kind === 'Group') add({ id: `id:group:${name}`, kind: 'Group', name, ...at });
      }
    } else if (object.kind === 'ThreatModel') {
      const spec = isObj(object.raw) ? object.raw['spec'] : undefined;
      const remote = isObj(spec) ? spec['remoteAccess'] : undefined;
      if (isObj(remote)) {
        const name = typeof remote['name'] === 'string' ? remote['name'] : 'remote access';
        add({ id: 'remote-access', kind: 'RemoteAccess', name, ...at });
      }
    }
  }
  return [...items.values()];
}
