// An Ingress the API server refuses is never stored, so it brings no traffic to the Services
// behind it: each problem is an error at its line and the Ingress is left out of the model.
// Read as upstream validates networking.k8s.io/v1 Ingresses (ValidateIngressSpec,
// validateIngressRules, validateHTTPIngressPath and validateIngressBackend in
// pkg/apis/networking/validation/validation.go), what every supported release refuses: a rule
// or a default backend; hosts DNS names (a leading `*.` allowed), not IP addresses; each HTTP
// rule with paths, each path with a `pathType` of Exact, Prefix or ImplementationSpecific and an
// absolute path (no `//`, `/./`, `/../`, `%2f`, and no `/.` or `/..` at the end for Exact and
// Prefix); each backend a Service (a DNS label, the relaxed rule, and a port by name or number,
// not both) or a resource, not both.
//
// `pathType: prefix` (lower case) is the common one: `kubectl apply` fails, and read as stored
// the Service behind it was exposed.

import { arr, get, isObj, str } from '../manifests/access';
import { objectRef, type KubeObject } from '../manifests/document';
import { locate } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { isDnsLabel, isDnsSubdomain } from './names';
import { portNameProblems } from './refusedPodSpecs';

type Path = (string | number)[];
type Refuse = (path: Path, what: string) => void;

const pathTypes = ['Exact', 'Prefix', 'ImplementationSpecific'];
const badSequences = ['//', '/./', '/../', '%2f', '%2F'];

/** The input without the Ingresses the API server would refuse; those said as errors. */
export function withoutRefusedIngresses(
  objects: readonly KubeObject[],
  diagnostics: Diagnostic[],
): readonly KubeObject[] {
  const refused = new Set<KubeObject>();
  for (const o of objects) {
    if (o.kind !== 'Ingress' || o.apiVersion !== 'networking.k8s.io/v1') continue;
    ingressProblems(get(o.raw, 'spec'), (path, what) => {
      refused.add(o);
      diagnostics.push({
        severity: 'error',
        message: `${what}: the API server would refuse ${objectRef(o)}, so it routes nothing`,
        ...locate(o, ['spec', ...path]),
      });
    });
  }
  return refused.size ? objects.filter((o) => !refused.has(o)) : objects;
}

function ingressProblems(spec: unknown, refuse: Refuse): void {
  const rules = arr(get(spec, 'rules'));
  const defaultBackend = get(spec, 'defaultBackend');
  if (rules.length === 0 && !isObj(defaultBackend))
    return refuse([], 'an Ingress needs rules or a defaultBackend');
  if (isObj(defaultBackend)) backendProblems(defaultBackend, ['defaultBackend'], refuse);
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const host = str(get(rule, 'host')) ?? '';
    if (host !== '') {
      const name = host.startsWith('*.') ? host.slice(2) : host;
      if (/^[0-9]+(\.[0-9]+){3}$/.test(host) || host.includes(':'))
        refuse(
          ['rules', i, 'host'],
          `host ${JSON.stringify(host)} must be a DNS name, not an IP address`,
        );
      else if (!isDnsSubdomain(name))
        refuse(['rules', i, 'host'], `host ${JSON.stringify(host)} is not a DNS name`);
    }
    const http = get(rule, 'http');
    if (!isObj(http)) return;
    const paths = arr(get(http, 'paths'));
    if (paths.length === 0) refuse(['rules', i, 'http'], 'an HTTP rule needs paths');
    paths.forEach((entry, j) => {
      if (isObj(entry)) pathProblems(entry, ['rules', i, 'http', 'paths', j], refuse);
    });
  });
}

function pathProblems(entry: unknown, at: Path, refuse: Refuse): void {
  const type = get(entry, 'pathType');
  const path = str(get(entry, 'path')) ?? '';
  if (type === undefined || type === null) refuse(at, 'a path needs a pathType');
  else if (typeof type !== 'string' || !pathTypes.includes(type))
    refuse(
      [...at, 'pathType'],
      `pathType ${JSON.stringify(type)} is not Exact, Prefix or ImplementationSpecific`,
    );
  else if (type === 'ImplementationSpecific') {
    if (path !== '' && !path.startsWith('/'))
      refuse([...at, 'path'], `path ${JSON.stringify(path)} must be absolute`);
  } else {
    if (!path.startsWith('/'))
      refuse([...at, 'path'], `path ${JSON.stringify(path)} must be absolute`);
    const bad = badSequences.find((s) => path.includes(s));
    if (bad)
      refuse(
        [...at, 'path'],
        `path ${JSON.stringify(path)} must not contain ${JSON.stringify(bad)}`,
      );
    else if (path.endsWith('/.') || path.endsWith('/..'))
      refuse([...at, 'path'], `path ${JSON.stringify(path)} must not end with "/." or "/.."`);
  }
  const backend = get(entry, 'backend');
  if (!isObj(backend)) refuse([...at, 'backend'], 'a path needs a backend');
  else backendProblems(backend, [...at, 'backend'], refuse);
}

function backendProblems(backend: unknown, at: Path, refuse: Refuse): void {
  const service = get(backend, 'service');
  const resource = get(backend, 'resource');
  if (isObj(service) && isObj(resource))
    return refuse(at, 'a backend is a service or a resource, not both');
  if (isObj(resource)) return;
  if (!isObj(service)) return refuse(at, 'a backend needs a service or a resource');
  const name = str(get(service, 'name')) ?? '';
  if (name === '') refuse([...at, 'service'], 'a service backend needs the Service’s name');
  else if (!isDnsLabel(name))
    refuse([...at, 'service', 'name'], `${JSON.stringify(name)} is not a Service name`);
  const port = get(service, 'port');
  const portName = str(get(port, 'name')) ?? '';
  const number = get(port, 'number');
  const hasNumber = typeof number === 'number' && number !== 0;
  if (portName !== '' && hasNumber)
    refuse([...at, 'service', 'port'], 'a service port has a name or a number, not both');
  else if (portName !== '') {
    const problems = portNameProblems(portName);
    if (problems.length)
      refuse(
        [...at, 'service', 'port', 'name'],
        `port name ${JSON.stringify(portName)} is not valid (${problems.join('; ')})`,
      );
  } else if (hasNumber) {
    if (!Number.isInteger(number) || number < 1 || number > 65535)
      refuse([...at, 'service', 'port', 'number'], `port ${number} is not between 1 and 65535`);
  } else refuse([...at, 'service'], 'a service backend needs a port name or number');
}
