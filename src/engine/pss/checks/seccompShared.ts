import { show } from '../util.ts';

export const seccompReason = 'seccompProfile';

export function validSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** "must not set securityContext.seccompProfile.type to "Unconfined"", or the missing-type case. */
export function describeSeccomp(type: unknown): string {
  return type === undefined || type === null
    ? 'sets securityContext.seccompProfile without a type'
    : `must not set securityContext.seccompProfile.type to ${show(type)}`;
}
