// A Service the API server refuses is never stored, so it exposes nothing: each problem is an
// error at its line and the Service is left out of the model. Read as upstream validates it
// in every supported release (ValidateService and validateServicePort,
// pkg/apis/core/validation/validation.go): the type one of the four, ports present unless the
// Service is headless or an ExternalName, each port numbered 1–65535, named (a DNS label,
// unique) when there are several, its protocol TCP, UDP or SCTP, its targetPort a number or a
// port name; no node port on a ClusterIP Service, no `clusterIP: None` on a NodePort or
// LoadBalancer one, and an ExternalName Service names its host.
//
// `type: Loadbalancer` (a typo) is the case that matters: read as stored the Service was
// simply not exposed, with nothing said, while `kubectl apply` fails.

import { arr, get, isObj, str } from '../manifests/access';
import { objectRef, type KubeObject } from '../manifests/document';
import { locate } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { labelRule, subdomainRule } from './names';
import { portNameProblems } from './refusedPodSpecs';

type Path = (string | number)[];
type Refuse = (path: Path, what: string) => void;

const types = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const isPortNumber = (n: unknown) =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;

/** The input without the Services the API server would refuse; those said as errors. */
export function withoutRefusedServices(
  objects: readonly KubeObject[],
  diagnostics: Diagnostic[],
): readonly KubeObject[] {
  const refused = new Set<KubeObject>();
  for (const o of objects) {
    if (o.kind !== 'Service') continue;
    serviceProblems(get(o.raw, 'spec'), (path, what) => {
      refused.add(o);
      diagnostics.push({
        severity: 'error',
        message: `${what}: the API server would refuse ${objectRef(o)}, so it exposes nothing`,
        ...locate(o, ['spec', ...path]),
      });
    });
  }
  return refused.size ? objects.filter((o) => !refused.has(o)) : objects;
}

function serviceProblems(spec: unknown, refuse: Refuse): void {
  if (!isObj(spec)) spec = {};
  const typeValue = get(spec, 'type');
  const type = typeValue === undefined ? 'ClusterIP' : str(typeValue);
  if (type === undefined || !types.includes(type)) {
    refuse(
      ['type'],
      `type ${JSON.stringify(typeValue)} is not ClusterIP, NodePort, LoadBalancer or ExternalName`,
    );
    return;
  }
  const headless = get(spec, 'clusterIP') === 'None';
  const ports = arr(get(spec, 'ports'));
  if (ports.length === 0 && !headless && type !== 'ExternalName')
    refuse([], 'a Service needs ports (unless it is headless or an ExternalName)');
  if (headless && (type === 'NodePort' || type === 'LoadBalancer'))
    refuse(['clusterIP'], `clusterIP None is not allowed on a ${type} Service`);
  if (type === 'ExternalName') {
    const host = str(get(spec, 'externalName')) ?? '';
    if (!subdomainRule.valid(host.endsWith('.') ? host.slice(0, -1) : host))
      refuse(['externalName'], `externalName ${JSON.stringify(host)} is not a DNS name`);
  }
  const names = new Set<string>();
  ports.forEach((port, i) => {
    if (!isObj(port)) return;
    const at: Path = ['ports', i];
    const name = str(get(port, 'name')) ?? '';
    if (name === '') {
      if (ports.length > 1) refuse(at, 'each port needs a name when a Service has several');
    } else if (!labelRule.valid(name))
      refuse([...at, 'name'], `port name ${JSON.stringify(name)} is not valid (${labelRule.says})`);
    else if (names.has(name))
      refuse([...at, 'name'], `two ports are named ${JSON.stringify(name)}`);
    else names.add(name);
    const number = get(port, 'port');
    if (typeof number === 'number' && !isPortNumber(number))
      refuse([...at, 'port'], `port ${number} is not between 1 and 65535`);
    else if (number === undefined) refuse(at, 'a Service port needs a port number');
    const protocol = str(get(port, 'protocol'));
    if (protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(protocol))
      refuse([...at, 'protocol'], `protocol ${JSON.stringify(protocol)} is not TCP, UDP or SCTP`);
    const target = get(port, 'targetPort');
    if (typeof target === 'number' && target !== 0 && !isPortNumber(target))
      refuse([...at, 'targetPort'], `targetPort ${target} is not between 1 and 65535`);
    else if (typeof target === 'string' && portNameProblems(target).length)
      refuse(
        [...at, 'targetPort'],
        `targetPort ${JSON.stringify(target)} is not a port name (${portNameProblems(target).join('; ')})`,
      );
    const nodePort = get(port, 'nodePort');
    if (typeof nodePort === 'number' && nodePort !== 0) {
      if (type === 'ClusterIP')
        refuse([...at, 'nodePort'], 'a ClusterIP Service may not set a nodePort');
      else if (!isPortNumber(nodePort))
        refuse([...at, 'nodePort'], `nodePort ${nodePort} is not between 1 and 65535`);
    }
  });
}
