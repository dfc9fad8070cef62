// Names as apimachinery validates them (k8s.io/apimachinery/pkg/util/validation).

/** A DNS-1123 subdomain's characters: dot-separated labels of lower-case letters, digits, '-'. */
export const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** IsDNS1123Subdomain: those characters, at most 253 of them. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && dns1123Subdomain.test(name);
}

/** IsDNS1123Label (namespace names, NameIsDNSLabel): one label, at most 63 characters. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/**
 * IsValidPathSegmentName (k8s.io/apimachinery/pkg/api/validation/path): what the RBAC kinds
 * require of a name (ValidateRBACName) — any string that is a safe path segment, so
 * `system:controller:token-cleaner` is one.
 */
export function isPathSegmentName(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}

/** IsDNS1035Label (Service names): a label that starts with a letter. */
export function isDns1035Label(name: string): boolean {
  return name.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/** A name rule as messages give it: the check, and what it asks for in words. */
export interface NameRule {
  valid: (name: string) => boolean;
  says: string;
}

export const subdomainRule: NameRule = {
  valid: isDnsSubdomain,
  says: "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters",
};
export const labelRule: NameRule = {
  valid: isDnsLabel,
  says: "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
};
export const label1035Rule: NameRule = {
  valid: isDns1035Label,
  says: "lower-case letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters",
};
