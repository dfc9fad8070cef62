// What the API server refuses in a pod spec, or a workload's pod template, beyond its types
// (ValidatePodSpec in pkg/apis/core/validation/validation.go: ValidateVolumes,
// validateContainers with validateContainerPorts, ValidateEnv and ValidateVolumeMounts; the
// name rules of k8s.io/apimachinery/pkg/util/validation). Such a pod never runs, so an input
// that has one was read differently from the cluster: each problem is an error at its line and
// `mut check` fails, as for a field of the wrong type. Only what every supported release
// refuses is said: environment variable names follow the relaxed rule (any printable ASCII
// but '='), which RelaxedEnvironmentVariableValidation made the only one.

import { arr, get, getIn, isObj, str } from '../manifests/access';
import { locate } from '../manifests/locate';
import type { Diagnostic } from '../types';
import { labelRule, subdomainRule } from './names';
import type { Pod } from './types';

type Path = (string | number)[];

// In the order ValidatePodSpec checks them: a clash is said at the init or ephemeral container.
const containerGroups = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const protocols = new Set(['TCP', 'UDP', 'SCTP']);

export function podSpecProblems(pod: Pod, diagnostics: Diagnostic[]): void {
  const spec = get(getIn(pod.object.raw, pod.templatePath), 'spec');
  if (!isObj(spec)) return;
  // Paths and messages are built only for what is refused: most specs have nothing to say.
  const refuse = (path: Path, what: string) =>
    diagnostics.push({
      severity: 'error',
      message: `${what}: the API server would refuse this ${pod.object.kind}`,
      ...locate(pod.object, [...pod.templatePath, 'spec', ...path]),
    });

  serviceAccountName(spec, refuse);
  const volumes = volumeNames(spec, refuse);
  // Lists of a few names: an array's `includes` is cheaper than a Set per pod.
  const containerNames: string[] = [];
  for (const group of containerGroups) {
    arr(get(spec, group)).forEach((container, i) => {
      if (!isObj(container)) return;
      const at: Path = [group, i];
      const name = str(get(container, 'name'));
      if (name === undefined || name === '') refuse(at, 'a container needs a name');
      else if (!labelRule.valid(name))
        refuse(
          [...at, 'name'],
          `container name ${JSON.stringify(name)} is not valid (${labelRule.says})`,
        );
      else if (containerNames.includes(name))
        refuse([...at, 'name'], `two containers are named ${JSON.stringify(name)}`);
      else containerNames.push(name);
      volumeMounts(container, at, volumes, refuse);
      ports(container, at, refuse);
      env(container, at, refuse);
    });
  }
}

type Refuse = (path: Path, what: string) => void;

/** ValidateServiceAccountName = NameIsDNSSubdomain. */
function serviceAccountName(spec: unknown, refuse: Refuse): void {
  const name = str(get(spec, 'serviceAccountName'));
  if (name === undefined || name === '' || subdomainRule.valid(name)) return;
  refuse(
    ['serviceAccountName'],
    `spec.serviceAccountName ${JSON.stringify(name)} is not a valid name (${subdomainRule.says})`,
  );
}

/** ValidateVolumes: each volume named, by a DNS-1123 label, once. The valid names. */
function volumeNames(spec: unknown, refuse: Refuse): string[] {
  const names: string[] = [];
  arr(get(spec, 'volumes')).forEach((volume, i) => {
    if (!isObj(volume)) return;
    const name = str(get(volume, 'name'));
    if (name === undefined || name === '') refuse(['volumes', i], 'a volume needs a name');
    else if (!labelRule.valid(name))
      refuse(
        ['volumes', i, 'name'],
        `volume name ${JSON.stringify(name)} is not valid (${labelRule.says})`,
      );
    else if (names.includes(name))
      refuse(['volumes', i, 'name'], `two volumes are named ${JSON.stringify(name)}`);
    else names.push(name);
  });
  return names;
}

/** ValidateVolumeMounts: a mount names one of the pod's volumes, at a path of its own. */
function volumeMounts(
  container: unknown,
  at: Path,
  volumes: readonly string[],
  refuse: Refuse,
): void {
  const paths: string[] = [];
  arr(get(container, 'volumeMounts')).forEach((mount, i) => {
    if (!isObj(mount)) return;
    const here: Path = [...at, 'volumeMounts', i];
    const name = str(get(mount, 'name'));
    if (name === undefined || name === '')
      refuse(here, 'a volume mount needs the name of a volume');
    else if (!volumes.includes(name))
      refuse(
        [...here, 'name'],
        `volume mount ${JSON.stringify(name)} names no volume of the pod${
          volumes.length ? ` (its volumes: ${volumes.join(', ')})` : ' (it has none)'
        }`,
      );
    const path = str(get(mount, 'mountPath'));
    if (path === undefined || path === '') refuse(here, 'a volume mount needs a mountPath');
    else if (paths.includes(path))
      refuse(
        [...here, 'mountPath'],
        `two volume mounts of the container use ${JSON.stringify(path)}`,
      );
    else paths.push(path);
  });
}

/**
 * IsValidPortName: at most 15 characters of [-a-z0-9], at least one letter, no hyphen at
 * either end nor two in a row. What a name breaks, in words.
 */
export function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('at most 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) problems.push("only lower-case letters, digits and '-'");
  if (!/[a-z]/.test(name)) problems.push('at least one letter');
  if (name.includes('--')) problems.push('no two hyphens in a row');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('no hyphen at either end');
  return problems;
}

const isPortNumber = (n: unknown) =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;

/** validateContainerPorts: names valid and distinct in the container, numbers 1–65535. */
function ports(container: unknown, at: Path, refuse: Refuse): void {
  const names: string[] = [];
  arr(get(container, 'ports')).forEach((port, i) => {
    if (!isObj(port)) return;
    const here: Path = [...at, 'ports', i];
    const name = str(get(port, 'name'));
    if (name !== undefined && name !== '') {
      const problems = portNameProblems(name);
      if (problems.length)
        refuse(
          [...here, 'name'],
          `port name ${JSON.stringify(name)} is not valid (${problems.join('; ')})`,
        );
      else if (names.includes(name))
        refuse([...here, 'name'], `two ports of the container are named ${JSON.stringify(name)}`);
      else names.push(name);
    }
    // A number of the wrong type is a type error already (manifests/fieldTypes.ts).
    const number = get(port, 'containerPort');
    if (number === undefined || number === 0)
      refuse(here, 'a container port needs a containerPort');
    else if (typeof number === 'number' && !isPortNumber(number))
      refuse([...here, 'containerPort'], `containerPort ${number} is not between 1 and 65535`);
    const hostPort = get(port, 'hostPort');
    if (typeof hostPort === 'number' && hostPort !== 0 && !isPortNumber(hostPort))
      refuse([...here, 'hostPort'], `hostPort ${hostPort} is not between 1 and 65535`);
    const protocol = str(get(port, 'protocol'));
    if (protocol !== undefined && !protocols.has(protocol))
      refuse([...here, 'protocol'], `protocol ${JSON.stringify(protocol)} is not TCP, UDP or SCTP`);
  });
}

/** IsRelaxedEnvVarName: not empty, printable ASCII, no '='. */
const envNameValid = (name: string) => name !== '' && /^[\x20-\x3c\x3e-\x7e]+$/.test(name);

/** ValidateEnv: every variable named. */
function env(container: unknown, at: Path, refuse: Refuse): void {
  arr(get(container, 'env')).forEach((variable, i) => {
    if (!isObj(variable)) return;
    const name = str(get(variable, 'name'));
    if (name === undefined || name === '')
      refuse([...at, 'env', i], 'an environment variable needs a name');
    else if (!envNameValid(name))
      refuse(
        [...at, 'env', i, 'name'],
        `environment variable name ${JSON.stringify(name)} is not valid (printable ASCII characters other than '=')`,
      );
  });
}
