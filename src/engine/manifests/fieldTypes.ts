import type { Diagnostic, JsonPath } from '../types';
import type { KubeObject } from './document';
import { fieldTypes, kindTypes } from './fieldTypes.generated';
import { locate } from './locate';

// A field of the wrong type (`containers: "nginx"`, `replicas: "three"`, `rules: {}`) was read
// as absent: the readers in access.ts return nothing for it, so a privileged container or a
// binding could drop out of the model with no word. The API server cannot decode such an
// object at all, so it is no cluster's object: each wrong type is an error at its line, and
// the analysis is incomplete (a gate fails). The types come from the Kubernetes schema
// (scripts/gen-field-types.ts); only types are checked, nothing the API server validates
// later (required fields, enums, names).

/**
 * A field's type: a scalar, `any` (not checked), a definition by name (`#Container`), a list,
 * a map with values of one type, or an object's known fields (others are not checked).
 */
export type FieldType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'number|string'
  | 'any'
  | `#${string}`
  | { array: FieldType }
  | { map: FieldType }
  | { fields: Record<string, FieldType> };

/** Per kind: its API group (`''` for the core group) and its definition. */
export type KindTypes = Record<string, { group: string; type: string }>;

/** Wrong types reported per object, at most: the first few say what is wrong. */
const maxPerObject = 5;

const hasOwn = Object.prototype.hasOwnProperty;

interface Found {
  path: (string | number)[];
  expected: string;
  actual: string;
}

/** Walks a value, appending what does not fit to `found`; `path` is where the value is. */
type Check = (value: unknown, path: (string | number)[], found: Found[]) => void;

/** The scalar types, by a small number: a `switch` on it inlines where a call per field did not. */
const scalarCodes: Record<string, number> = {
  string: 1,
  boolean: 2,
  number: 3,
  integer: 4,
  'number|string': 5,
};

function fitsScalar(code: number, value: unknown): boolean {
  switch (code) {
    case 1:
      return typeof value === 'string';
    case 2:
      return typeof value === 'boolean';
    case 3:
      return typeof value === 'number';
    case 4:
      return typeof value === 'number' && Number.isInteger(value);
    default:
      return typeof value === 'number' || typeof value === 'string';
  }
}

/**
 * A field's check as its parent runs it: a scalar is tested in the parent's loop (`scalar`,
 * with the type's name for the message), anything else by its `check`. Every field through a
 * function of its own was a call no engine could inline (each type a different closure), and
 * most fields are scalars: labels, annotations, names, images.
 */
interface Part {
  scalar: number;
  expected: string;
  check: Check | undefined;
}

/**
 * Each type becomes a function once, the first time an object needs it: interpreting the table per
 * field (`'map' in type`, a key list per mapping) cost a 9,000-object dump about a second.
 */
const compiled = new Map<string, Check | undefined>();

function part(type: FieldType): Part | undefined {
  if (typeof type === 'string' && hasOwn.call(scalarCodes, type))
    return { scalar: scalarCodes[type]!, expected: type, check: undefined };
  const check = compile(type);
  return check ? { scalar: 0, expected: '', check } : undefined;
}

function compile(type: FieldType): Check | undefined {
  if (typeof type === 'string') {
    if (type === 'any') return undefined;
    if (type.startsWith('#')) {
      const name = type.slice(1);
      if (!compiled.has(name)) {
        // A definition may refer to itself: while its body is made, a forwarder stands in.
        const slot: { body?: Check | undefined } = {};
        compiled.set(name, (value, path, found) => slot.body?.(value, path, found));
        slot.body = compile(fieldTypes[name] ?? 'any');
        compiled.set(name, slot.body);
      }
      return compiled.get(name);
    }
    if (!hasOwn.call(scalarCodes, type)) return undefined;
    const code = scalarCodes[type]!;
    return (value, path, found) => {
      if (!fitsScalar(code, value))
        found.push({ path: [...path], expected: type, actual: describe(value) });
    };
  }
  if ('array' in type) {
    const item = part(type.array);
    return (value, path, found) => {
      if (!Array.isArray(value)) {
        found.push({ path: [...path], expected: 'list', actual: describe(value) });
        return;
      }
      if (!item) return;
      for (let i = 0; i < value.length && found.length < maxPerObject; i++) {
        const v: unknown = value[i];
        if (v === null || v === undefined) continue;
        if (item.scalar !== 0) {
          if (!fitsScalar(item.scalar, v))
            found.push({ path: [...path, i], expected: item.expected, actual: describe(v) });
          continue;
        }
        path.push(i);
        item.check!(v, path, found);
        path.pop();
      }
    };
  }
  const expected = 'map' in type ? 'mapping' : 'mapping of fields';
  if ('map' in type) {
    const entry = part(type.map);
    return (value, path, found) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        found.push({ path: [...path], expected, actual: describe(value) });
        return;
      }
      if (!entry) return;
      const entries = value as Record<string, unknown>;
      for (const key in entries) {
        const v = entries[key];
        if (v === null || v === undefined || !hasOwn.call(entries, key)) continue;
        if (entry.scalar !== 0) {
          if (!fitsScalar(entry.scalar, v))
            found.push({ path: [...path, key], expected: entry.expected, actual: describe(v) });
        } else {
          path.push(key);
          entry.check!(v, path, found);
          path.pop();
        }
        if (found.length >= maxPerObject) return;
      }
    };
  }
  const fields = new Map<string, Part>();
  for (const key of Object.keys(type.fields)) {
    const p = part(type.fields[key]!);
    if (p) fields.set(key, p);
  }
  return (value, path, found) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      found.push({ path: [...path], expected, actual: describe(value) });
      return;
    }
    const entries = value as Record<string, unknown>;
    for (const key in entries) {
      const field = fields.get(key);
      if (field === undefined) continue;
      const v = entries[key];
      if (v === null || v === undefined || !hasOwn.call(entries, key)) continue;
      if (field.scalar !== 0) {
        if (!fitsScalar(field.scalar, v))
          found.push({ path: [...path, key], expected: field.expected, actual: describe(v) });
      } else {
        path.push(key);
        field.check!(v, path, found);
        path.pop();
      }
      if (found.length >= maxPerObject) return;
    }
  };
}

/** Per kind: its API group and the compiled check of its definition (found once per kind). */
const kindChecks = new Map<string, { group: string; check: Check | undefined }>();

function kindCheck(kind: string): { group: string; check: Check | undefined } | undefined {
  let known = kindChecks.get(kind);
  if (known === undefined) {
    const types = hasOwn.call(kindTypes, kind) ? kindTypes[kind] : undefined;
    if (!types) return undefined;
    known = { group: types.group, check: compile(`#${types.type}`) };
    kindChecks.set(kind, known);
  }
  return known;
}

/** The wrong types in `object`, when its kind and API group are ones the schema describes. */
export function typeErrors(object: KubeObject): Diagnostic[] {
  const known = kindCheck(object.kind);
  if (!known) return [];
  const { apiVersion } = object;
  const slash = apiVersion.indexOf('/');
  // The group is what comes before the slash (none: the core group, '').
  const inGroup =
    slash === -1
      ? known.group === ''
      : slash === known.group.length && apiVersion.startsWith(known.group);
  if (!inGroup) return [];
  const check = known.check;
  if (!check) return [];
  const found: Found[] = [];
  check(object.raw, [], found);
  if (found.length === 0) return [];

  return found.slice(0, maxPerObject).map(({ path, expected, actual }) => {
    const at = locate(object, path);
    return {
      severity: 'error',
      message: `${dotted(path)} is ${actual} where Kubernetes expects ${article(expected)}: the API server would refuse this ${object.kind}, and MUT Lab could not read the field`,
      file: at.file,
      line: at.line,
      column: at.column,
      ...(at.endLine !== undefined ? { endLine: at.endLine } : {}),
      ...(at.endColumn !== undefined ? { endColumn: at.endColumn } : {}),
    };
  });
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return `a ${typeof value}`;
}

function article(expected: string): string {
  if (expected === 'number|string') return 'a number or a string';
  if (expected === 'integer') return 'an integer';
  if (expected === 'boolean') return 'true or false';
  return `a ${expected}`;
}

/** `spec.containers[0].securityContext`, as `kubectl explain` names a field. */
function dotted(path: JsonPath): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out ? `.${step}` : step;
  return out || 'the object';
}
