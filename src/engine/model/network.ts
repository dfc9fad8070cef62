import { arr, get, getIn, isObj, str, stringMap, strings } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { objectRef } from '../manifests/document';
import { ref } from '../manifests/locate';
import { matchesSelector, matchesServiceSelector } from './selectors';
import type { NamespaceInfo, NetworkPeer, NetworkPolicy, Pod, Service } from './types';

export const metadataAddress = '169.254.169.254';

export function readServices(objects: readonly KubeObject[]): Service[] {
  const behindIngress = new Map<string, KubeObject>();
  for (const o of objects) {
    if (o.kind !== 'Ingress') continue;
    const ns = o.namespace ?? 'default';
    const names = [
      str(getIn(o.raw, ['spec', 'defaultBackend', 'service', 'name'])),
      str(getIn(o.raw, ['spec', 'backend', 'serviceName'])),
    ];
    for (const rule of arr(getIn(o.raw, ['spec', 'rules']))) {
      for (const path of arr(getIn(rule, ['http', 'paths']))) {
        names.push(
          str(getIn(path, ['backend', 'service', 'name'])),
          str(getIn(path, ['backend', 'serviceName'])),
        );
      }
    }
    for (const n of names) if (n) behindIngress.set(`${ns}/${n}`, o);
  }
  const services: Service[] = [];
  for (const o of objects) {
    if (o.kind !== 'Service') continue;
    const namespace = o.namespace ?? 'default';
    const type = str(getIn(o.raw, ['spec', 'type'])) ?? 'ClusterIP';
    const ingress = behindIngress.get(`${namespace}/${o.name}`);
    const externalIPs = strings(getIn(o.raw, ['spec', 'externalIPs'])).length > 0;
    const external =
      type === 'LoadBalancer' || type === 'NodePort' || externalIPs
        ? { value: true, at: ref(o, ['spec', externalIPs ? 'externalIPs' : 'type']) }
        : ingress
          ? { value: true, at: ref(ingress, ['spec']) }
          : { value: false };
    services.push({
      object: o,
      namespace,
      name: o.name,
      type,
      selector: stringMap(getIn(o.raw, ['spec', 'selector'])),
      external,
    });
  }
  return services;
}

export function servicesOf(pod: Pod, services: readonly Service[]): Service[] {
  return services.filter(
    (s) => s.namespace === pod.namespace && matchesServiceSelector(s.selector, pod.labels),
  );
}

function readPeers(rule: unknown, field: 'from' | 'to'): NetworkPeer[] {
  const peers = get(rule, field);
  if (!Array.isArray(peers) || peers.length === 0) return [{ any: true }];
  return peers.filter(isObj).map((p) => {
    const block = get(p, 'ipBlock');
    return {
      any: false,
      podSelector: get(p, 'podSelector'),
      namespaceSelector: get(p, 'namespaceSelector'),
      ipBlock: isObj(block)
        ? { cidr: str(get(block, 'cidr')) ?? '', except: strings(get(block, 'except')) }
        : undefined,
    };
  });
}

export function readNetworkPolicies(objects: readonly KubeObject[]): NetworkPolicy[] {
  const out: NetworkPolicy[] = [];
  for (const o of objects) {
    if (o.kind !== 'NetworkPolicy') continue;
    const spec = get(o.raw, 'spec');
    const types = strings(get(spec, 'policyTypes'));
    const hasEgress = get(spec, 'egress') !== undefined;
    const ingressOn = types.length ? types.includes('Ingress') : true;
    const egressOn = types.length ? types.includes('Egress') : hasEgress;
    out.push({
      object: o,
      id: objectRef(o),
      namespace: o.namespace ?? 'default',
      podSelector: get(spec, 'podSelector') ?? {},
      ingress: ingressOn ? arr(get(spec, 'ingress')).map((r) => readPeers(r, 'from')) : undefined,
      egress: egressOn ? arr(get(spec, 'egress')).map((r) => readPeers(r, 'to')) : undefined,
    });
  }
  return out;
}

export function selects(policy: NetworkPolicy, pod: Pod): boolean {
  return policy.namespace === pod.namespace && matchesSelector(policy.podSelector, pod.labels);
}

/** Whether a peer of `policy` names `pod` (a pod of the cluster, never an ipBlock). */
export function peerMatchesPod(
  peer: NetworkPeer,
  policy: NetworkPolicy,
  pod: Pod,
  namespaces: Map<string, NamespaceInfo>,
): boolean {
  if (peer.any) return true;
  if (peer.ipBlock) return false;
  if (peer.namespaceSelector !== undefined) {
    if (!matchesSelector(peer.namespaceSelector, namespaceLabels(namespaces, pod.namespace)))
      return false;
  } else if (pod.namespace !== policy.namespace) {
    return false;
  }
  return peer.podSelector === undefined || matchesSelector(peer.podSelector, pod.labels);
}

/** A namespace's labels; one the manifests do not define has the label every namespace gets. */
export function namespaceLabels(
  namespaces: Map<string, NamespaceInfo>,
  namespace: string,
): Map<string, string> {
  return namespaces.get(namespace)?.labels ?? new Map([['kubernetes.io/metadata.name', namespace]]);
}

export function peerMatchesAddress(peer: NetworkPeer, address: string): boolean {
  if (peer.any) return true;
  if (!peer.ipBlock) return false;
  return (
    cidrContains(peer.ipBlock.cidr, address) &&
    !peer.ipBlock.except.some((e) => cidrContains(e, address))
  );
}

function ipv4(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 0 || v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function cidrContains(cidr: string, address: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = ipv4(address);
  const b = ipv4(base ?? '');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
    return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}
