// A NetworkPolicy the API server refuses is never stored, so it isolates nothing: each
// problem is an error at its line and the policy is left out of the model, as a refused RBAC
// object grants nothing. Read as upstream validates it: ValidateNetworkPolicySpec,
// ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer and ValidateIPBlock
// (pkg/apis/networking/validation/validation.go), the label selectors with
// ValidateLabelSelector (k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go).
//
// It matters because a refused policy can look like the strictest one: a peer whose
// `matchExpressions` operator is misspelt (`in`) matches no pod, so read as stored the policy
// would shut every door, while the cluster has no policy at all.

import { arr, get, isObj, str } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { objectRef } from '../manifests/document';
import { locate } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { parseCidr, strictSubset } from './cidr';
import { labelSelectorProblems } from './labelRules';
import { portNameProblems } from './refusedPodSpecs';

type Path = (string | number)[];
type Refuse = (path: Path, what: string) => void;

/** The input's NetworkPolicies the API server would store; the others said as errors. */
export function acceptedNetworkPolicies(
  objects: readonly KubeObject[],
  diagnostics: Diagnostic[],
): KubeObject[] {
  const accepted: KubeObject[] = [];
  for (const o of objects) {
    if (o.kind !== 'NetworkPolicy') continue;
    let refused = false;
    const refuse: Refuse = (path, what) => {
      refused = true;
      diagnostics.push({
        severity: 'error',
        message: `${what}: the API server would refuse ${objectRef(o)}, so it isolates nothing`,
        ...locate(o, ['spec', ...path]),
      });
    };
    policyProblems(get(o.raw, 'spec'), refuse);
    if (!refused) accepted.push(o);
  }
  return accepted;
}

function policyProblems(spec: unknown, refuse: Refuse): void {
  if (!isObj(spec)) return;
  labelSelectorProblems(get(spec, 'podSelector'), ['podSelector'], refuse);
  for (const [direction, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    arr(get(spec, direction)).forEach((rule, i) => {
      arr(get(rule, 'ports')).forEach((port, j) =>
        portProblems(port, [direction, i, 'ports', j], refuse),
      );
      arr(get(rule, peers)).forEach((peer, j) =>
        peerProblems(peer, [direction, i, peers, j], refuse),
      );
    });
  }
  const types = arr(get(spec, 'policyTypes'));
  if (types.length > 2) refuse(['policyTypes'], 'at most two policyTypes (Ingress, Egress)');
  else
    types.forEach((t, i) => {
      if (t !== 'Ingress' && t !== 'Egress')
        refuse(['policyTypes', i], `policy type ${JSON.stringify(t)} is not Ingress or Egress`);
    });
}

const isPortNumber = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;

function portProblems(port: unknown, at: Path, refuse: Refuse): void {
  if (!isObj(port)) return;
  const protocol = str(get(port, 'protocol'));
  if (protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(protocol))
    refuse([...at, 'protocol'], `protocol ${JSON.stringify(protocol)} is not TCP, UDP or SCTP`);
  const number = get(port, 'port');
  const end = get(port, 'endPort');
  if (typeof number === 'number') {
    if (!isPortNumber(number)) refuse([...at, 'port'], `port ${number} is not between 1 and 65535`);
    if (typeof end === 'number') {
      if (end < number) refuse([...at, 'endPort'], `endPort ${end} is below port ${number}`);
      if (!isPortNumber(end))
        refuse([...at, 'endPort'], `endPort ${end} is not between 1 and 65535`);
    }
  } else if (typeof number === 'string') {
    if (end !== undefined) refuse([...at, 'endPort'], 'endPort needs a numeric port');
    const problems = portNameProblems(number);
    if (problems.length)
      refuse(
        [...at, 'port'],
        `port name ${JSON.stringify(number)} is not valid (${problems.join('; ')})`,
      );
  } else if (end !== undefined) refuse([...at, 'endPort'], 'endPort needs a port');
}

function peerProblems(peer: unknown, at: Path, refuse: Refuse): void {
  if (!isObj(peer)) return;
  const pods = get(peer, 'podSelector');
  const namespaces = get(peer, 'namespaceSelector');
  const block = get(peer, 'ipBlock');
  const given = [pods, namespaces, block].filter((p) => p !== undefined && p !== null).length;
  if (given === 0) refuse(at, 'a peer needs a podSelector, a namespaceSelector or an ipBlock');
  else if (given > 1 && block != null)
    refuse(at, 'a peer with an ipBlock may not also have a podSelector or namespaceSelector');
  labelSelectorProblems(pods, [...at, 'podSelector'], refuse);
  labelSelectorProblems(namespaces, [...at, 'namespaceSelector'], refuse);
  if (isObj(block)) ipBlockProblems(block, [...at, 'ipBlock'], refuse);
}

function ipBlockProblems(block: unknown, at: Path, refuse: Refuse): void {
  const text = str(get(block, 'cidr')) ?? '';
  if (text === '') return refuse(at, 'an ipBlock needs a cidr');
  const cidr = parseCidr(text);
  if (!cidr) return refuse([...at, 'cidr'], `${JSON.stringify(text)} is not a CIDR`);
  arr(get(block, 'except')).forEach((e, i) => {
    const exceptText = str(e) ?? '';
    const except = parseCidr(exceptText);
    if (!except) refuse([...at, 'except', i], `${JSON.stringify(exceptText)} is not a CIDR`);
    else if (!strictSubset(except, cidr))
      refuse(
        [...at, 'except', i],
        `except ${JSON.stringify(exceptText)} is not a strict subset of the cidr ${JSON.stringify(text)}`,
      );
  });
}
