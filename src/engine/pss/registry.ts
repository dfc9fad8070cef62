// The ordered list of checks. Baseline first, in the order of the official standard, then the
// checks restricted adds.

import type { CheckDefinition } from './types.ts';
import { allowPrivilegeEscalation } from './checks/allowPrivilegeEscalation.ts';
import { appArmorProfile } from './checks/appArmorProfile.ts';
import { capabilitiesBaseline } from './checks/capabilitiesBaseline.ts';
import { capabilitiesRestricted } from './checks/capabilitiesRestricted.ts';
import { hostNamespaces } from './checks/hostNamespaces.ts';
import { hostPathVolumes } from './checks/hostPathVolumes.ts';
import { hostPorts } from './checks/hostPorts.ts';
import { hostProbesAndHostLifecycle } from './checks/hostProbesAndHostLifecycle.ts';
import { privileged } from './checks/privileged.ts';
import { procMount } from './checks/procMount.ts';
import { procMountRestricted } from './checks/procMountRestricted.ts';
import { restrictedVolumes } from './checks/restrictedVolumes.ts';
import { runAsNonRoot } from './checks/runAsNonRoot.ts';
import { runAsUser } from './checks/runAsUser.ts';
import { seccompProfileBaseline } from './checks/seccompProfileBaseline.ts';
import { seccompProfileRestricted } from './checks/seccompProfileRestricted.ts';
import { seLinuxOptions } from './checks/seLinuxOptions.ts';
import { sysctls } from './checks/sysctls.ts';
import { windowsHostProcess } from './checks/windowsHostProcess.ts';

export const checkDefinitions: readonly CheckDefinition[] = [
  // baseline
  windowsHostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  // restricted
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];
