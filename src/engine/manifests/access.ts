// Safe readers for untrusted parsed input. Parsed YAML may carry keys such as
// `__proto__` or `constructor`, wrong types and cycles (aliases); every read goes
// through an own-property check so nothing inherited is ever taken for data.

const hasOwn = Object.prototype.hasOwnProperty;

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function get(value: unknown, key: string): unknown {
  return isObj(value) && hasOwn.call(value, key) ? value[key] : undefined;
}

export function getIn(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
    else current = get(current, step);
    if (current === undefined) return undefined;
  }
  return current;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : noItems;
}

/** What `arr` gives for anything but a list: one shared list (a new one per missing field added up). */
const noItems: readonly unknown[] = Object.freeze([]);

/** Own string-valued entries of a map such as `labels`; anything else is ignored. */
export function stringMap(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObj(value)) return out;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'string') out.set(key, v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.set(key, String(v));
  }
  return out;
}

export function strings(value: unknown): string[] {
  return arr(value).filter((v): v is string => typeof v === 'string');
}
