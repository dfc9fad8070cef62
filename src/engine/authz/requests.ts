// Requests the techniques ask the authorizer about, and their names in the attack graph.

import type { ResourceRequest } from './rules';

const RBAC = 'rbac.authorization.k8s.io';

/** The API group of the resources techniques ask about; others are core (''). */
const groups: Record<string, string> = {
  roles: RBAC,
  rolebindings: RBAC,
  clusterroles: RBAC,
  clusterrolebindings: RBAC,
  deployments: 'apps',
  daemonsets: 'apps',
  statefulsets: 'apps',
  replicasets: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  certificatesigningrequests: 'certificates.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
};

/**
 * A resource request: `resource` may carry its subresource (`pods/exec`); `group` is the API
 * group ('' for core). Leave `name` out when the request carries none or it cannot be known
 * in advance: rules restricted by `resourceNames` then never match, as in the API server.
 */
export function request(
  verb: string,
  resource: string,
  where: { group?: string; namespace?: string; name?: string } = {},
): ResourceRequest {
  const parts = partsOf(resource);
  return {
    verb,
    apiGroup: where.group ?? parts.group,
    resource: parts.resource,
    subresource: parts.subresource,
    namespace: where.namespace ?? '',
    name: where.name ?? '',
  };
}

interface ResourceParts {
  resource: string;
  subresource: string;
  group: string;
}

/**
 * `pods/exec` cut once: techniques ask about the same few resources for every pod and
 * namespace, and a part cut anew is a new string, hashed and compared character by character
 * at each level of the request table (graph/knownRequests.ts).
 */
const cut = new Map<string, ResourceParts>();

function partsOf(resource: string): ResourceParts {
  let parts = cut.get(resource);
  if (parts !== undefined) return parts;
  const slash = resource.indexOf('/');
  const base = slash === -1 ? resource : resource.slice(0, slash);
  parts = {
    resource: base,
    subresource: slash === -1 ? '' : resource.slice(slash + 1),
    group: groups[base] ?? '',
  };
  // Techniques name a few dozen resources; a bound all the same, whatever they pass.
  if (cut.size >= 1_000) cut.clear();
  cut.set(resource, parts);
  return parts;
}

/** The request's key in the graph: `<namespace or *>:<verb>:<group>:<resource[/sub]>:<name>`. */
export function requestKey(r: ResourceRequest): string {
  const resource = r.subresource === '' ? r.resource : `${r.resource}/${r.subresource}`;
  return `${r.namespace || '*'}:${r.verb}:${r.apiGroup}:${resource}:${r.name}`;
}

/** A request key's parts (`requestKey`): a name may hold colons (`system:masters`). */
export function parseRequestKey(key: string): {
  scope: string;
  verb: string;
  group: string;
  resource: string;
  name: string;
} {
  const parts = key.split(':');
  const [scope = '', verb = '', group = '', resource = ''] = parts;
  return { scope, verb, group, resource, name: parts.slice(4).join(':') };
}

/** "create pods/exec on web in namespace shop", for a witness step. */
export function describeRequestKey(key: string): string {
  const { scope, verb, group, resource, name } = parseRequestKey(key);
  const what = group === '' || group === RBAC ? resource : `${resource}.${group}`;
  const on = name === '' ? what : `${what} ${name}`;
  const where = scope === '*' ? 'cluster-wide' : `in namespace ${scope}`;
  return `the right to ${verb} ${on} ${where}`;
}
