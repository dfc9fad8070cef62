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

const scalarFits: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  boolean: (value) => typeof value === 'boolean',
  number: (value) => typeof value === 'number',
  integer: (value) => typeof value === 'number' && Number.isInteger(value),
  'number|string': (value) => typeof value === 'number' || typeof value === 'string',
};

/**
 * Each type becomes a function once, the first time an object needs it: interpreting the table per
 * field (`'map' in type`, a key list per mapping) cost a 9,000-object dump about a second.
 */
const compiled = new Map<string, Check | undefined>();

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
    const fits = scalarFits[type];
    if (!fits) return undefined;
    return (value, path, found) => {
      if (!fits(value)) found.push({ path: [...path], expected: type, actual: describe(value) });
    };
  }
  if ('array' in type) {
    const item = compile(type.array);
    return (value, path, found) => {
      if (!Array.isArray(value)) {
        found.push({ path: [...path], expected: 'list', actual: describe(value) });
        return;
      }
      if (!item) return;
      for (let i = 0; i < value.length && found.length < maxPerObject; i++) {
        if (value[i] === null || value[i] === undefined) continue;
        path.push(i);
        item(value[i], path, found);
        path.pop();
      }
    };
  }
  const expected = 'map' in type ? 'mapping' : 'mapping of fields';
  const isMapping = (value: unknown, path: (string | number)[], found: Found[]): boolean => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    found.push({ path: [...path], expected, actual: describe(value) });
    return false;
  };
  if ('map' in type) {
    const entry = compile(type.map);
    return (value, path, found) => {
      if (!isMapping(value, path, found) || !entry) return;
      const entries = value as Record<string, unknown>;
      for (const key in entries) {
        const v = entries[key];
        if (v === null || v === undefined || !hasOwn.call(entries, key)) continue;
        path.push(key);
        entry(v, path, found);
        path.pop();
        if (found.length >= maxPerObject) return;
      }
    };
  }
  const fields = new Map<string, Check>();
  for (const key of Object.keys(type.fields)) {
    const check = compile(type.fields[key]!);
    if (check) fields.set(key, check);
  }
  return (value, path, found) => {
    if (!isMapping(value, path, found)) return;
    const entries = value as Record<string, unknown>;
    for (const key in entries) {
      const check = fields.get(key);
      if (check === undefined) continue;
      const v = entries[key];
      if (v === null || v === undefined || !hasOwn.call(entries, key)) continue;
      path.push(key);
      check(v, path, found);
      path.pop();
      if (found.length >= maxPerObject) return;
    }
  };
}

/** The wrong types in `object`, when its kind and API group are ones the schema describes. */
export function typeErrors(object: KubeObject): Diagnostic[] {
  const known = hasOwn.call(kindTypes, object.kind) ? kindTypes[object.kind] : undefined;
  if (!known) return [];
  const slash = object.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
  if (group !== known.group) return [];
  const check = compile(`#${known.type}`);
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
