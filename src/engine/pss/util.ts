// Defensive readers for untrusted parsed YAML/JSON. Nothing here reads inherited properties,
// so `__proto__`, `constructor` or `toString` keys in the input are plain data.

import type { ContainerRef, JsonPath, PodContext } from './types.ts';

export type Rec = Readonly<Record<string, unknown>>;

const hasOwn = (obj: object, key: PropertyKey): boolean =>
  Object.prototype.hasOwnProperty.call(obj, key);

/** A plain (possibly null-prototype) object, not an array. */
export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of `obj`, or undefined (also when `obj` is not an object). */
export function own(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  return hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** The own property `key` of `obj` when it is an object. */
export function ownRecord(obj: unknown, key: string): Rec | undefined {
  const v = own(obj, key);
  return isRecord(v) ? v : undefined;
}

/** True when `obj` has an own property `key` whose value is neither undefined nor null. */
export function isSet(obj: unknown, key: string): boolean {
  const v = own(obj, key);
  return v !== undefined && v !== null;
}

/** The own elements of an array (holes skipped) with their indices; [] for non-arrays. */
export function items(value: unknown): [number, unknown][] {
  if (!Array.isArray(value)) return [];
  const out: [number, unknown][] = [];
  for (let i = 0; i < value.length; i++) {
    if (hasOwn(value, i)) out.push([i, value[i]]);
  }
  return out;
}

/** The own enumerable string keys of an object, in insertion order. */
export function keys(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}

/** A value rendered for a message: strings quoted, everything else as compact JSON-ish text. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/**
 * For a required field that may be missing: `base` followed by as many of `rest` as exist
 * (each step must be an own property holding an object), i.e. the nearest existing ancestor.
 * The last key of `rest` is included only when the field itself is present.
 */
export function nearestPath(root: unknown, base: JsonPath, rest: readonly string[]): JsonPath {
  let node: unknown = root;
  for (const k of base)
    node = typeof k === 'number' ? (Array.isArray(node) ? node[k] : undefined) : own(node, k);
  const out: JsonPath = [...base];
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i] as string;
    if (typeof node !== 'object' || node === null || !hasOwn(node, k)) break;
    const next = (node as Record<string, unknown>)[k];
    if (next === undefined || next === null) break;
    out.push(k);
    if (i < rest.length - 1 && !isRecord(next)) break;
    node = next;
  }
  return out;
}

const CONTAINER_LISTS = [
  ['initContainers', 'init container'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeral container'],
] as const;

function buildContainers(spec: Rec | undefined): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [list, kind] of CONTAINER_LISTS) {
    for (const [i, entry] of items(own(spec, list))) {
      // A null or malformed entry is treated as an empty container (as a zero-valued Go struct
      // would be), so "must set" checks still flag it.
      const value: Rec = isRecord(entry) ? entry : Object.create(null);
      const name = own(value, 'name');
      const label =
        typeof name === 'string' && name !== ''
          ? `${kind} ${JSON.stringify(name)}`
          : `${kind} #${i} (unnamed)`;
      out.push({
        path: ['spec', list, i],
        label,
        value,
        securityContext: ownRecord(value, 'securityContext'),
        securityContextPath: ['spec', list, i, 'securityContext'],
      });
    }
  }
  return out;
}

/** Normalise a pod-like object for the checks. Never throws. */
export function buildContext(pod: unknown): PodContext {
  const root: Rec = isRecord(pod) ? pod : Object.create(null);
  const metadata = ownRecord(root, 'metadata');
  const spec = ownRecord(root, 'spec');
  return {
    root,
    metadata,
    spec,
    podSecurityContext: ownRecord(spec, 'securityContext'),
    containers: buildContainers(spec),
    isWindows: own(ownRecord(spec, 'os'), 'name') === 'windows',
    inUserNamespace: own(spec, 'hostUsers') === false,
  };
}

/** 'a', 'a and b', 'a, b and c' */
export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
