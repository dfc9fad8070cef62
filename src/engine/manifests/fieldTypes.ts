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

/** The wrong types in `object`, when its kind and API group are ones the schema describes. */
export function typeErrors(object: KubeObject): Diagnostic[] {
  const known = hasOwn.call(kindTypes, object.kind) ? kindTypes[object.kind] : undefined;
  if (!known) return [];
  const slash = object.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
  if (group !== known.group) return [];
  const found: { path: (string | number)[]; expected: string; actual: string }[] = [];
  const path: (string | number)[] = [];

  const check = (value: unknown, type: FieldType): void => {
    if (found.length >= maxPerObject || value === null || value === undefined) return;
    if (typeof type === 'string') {
      if (type === 'any') return;
      if (type.startsWith('#')) return check(value, fieldTypes[type.slice(1)] ?? 'any');
      if (!scalarFits(value, type))
        found.push({ path: [...path], expected: type, actual: describe(value) });
      return;
    }
    if ('array' in type) {
      if (!Array.isArray(value))
        return void found.push({ path: [...path], expected: 'list', actual: describe(value) });
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        check(value[i], type.array);
        path.pop();
      }
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value))
      return void found.push({
        path: [...path],
        expected: 'map' in type ? 'mapping' : 'mapping of fields',
        actual: describe(value),
      });
    const entries = value as Record<string, unknown>;
    for (const key of Object.keys(entries)) {
      const fieldType =
        'map' in type ? type.map : hasOwn.call(type.fields, key) ? type.fields[key]! : 'any';
      if (fieldType === 'any') continue;
      path.push(key);
      check(entries[key], fieldType);
      path.pop();
    }
  };
  check(object.raw, fieldTypes[known.type] ?? 'any');

  return found.map(({ path, expected, actual }) => {
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

function scalarFits(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number|string':
      return typeof value === 'number' || typeof value === 'string';
    default:
      return true;
  }
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
