// Names as apimachinery validates them (k8s.io/apimachinery/pkg/util/validation).

/** A DNS-1123 subdomain's characters: dot-separated labels of lower-case letters, digits, '-'. */
export const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** IsDNS1123Subdomain: those characters, at most 253 of them. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && dns1123Subdomain.test(name);
}
