// CIDRs as the API server reads a NetworkPolicy's `ipBlock` (netutils.ParseCIDRSloppy in
// k8s.io/utils/net, used by pkg/apis/networking/validation/validation.go): IPv4 parts are
// decimal even with leading zeros ("010.0.0.0/8" is 10.0.0.0/8), unlike libraries that follow
// inet_aton (octal there), which is why this is not left to one. Only what validation needs:
// whether a CIDR parses, and whether one is a strict subset of another.

export interface Cidr {
  /** 4 or 6. */
  family: 4 | 6;
  /** The address as a 32- or 128-bit number. */
  address: bigint;
  bits: number;
}

function ipv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function ipv6(text: string): bigint | undefined {
  // An embedded IPv4 address stands for the last two groups ("::ffff:10.0.0.1").
  const lastColon = text.lastIndexOf(':');
  let low: bigint | undefined;
  if (text.includes('.', lastColon)) {
    low = ipv4(text.slice(lastColon + 1));
    if (low === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const have = left.length + right.length;
  if (halves.length === 1 ? have !== 8 : have > 7) return undefined;
  let n = 0n;
  for (const g of [...left, ...Array<string>(8 - have).fill('0'), ...right]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return low === undefined ? n : ((n >> 32n) << 32n) | low;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addressText = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const v4 = addressText.includes(':') ? undefined : ipv4(addressText);
  if (v4 !== undefined) return bits <= 32 ? { family: 4, address: v4, bits } : undefined;
  const v6 = addressText.includes(':') ? ipv6(addressText) : undefined;
  if (v6 !== undefined) return bits <= 128 ? { family: 6, address: v6, bits } : undefined;
  return undefined;
}

/** `inner` lies within `outer` and is smaller ("must be a strict subset of `cidr`"). */
export function strictSubset(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.bits <= outer.bits) return false;
  const width = BigInt(inner.family === 4 ? 32 : 128);
  const shift = width - BigInt(outer.bits);
  return inner.address >> shift === outer.address >> shift;
}
