import type { Diagnostic, JsonPath } from '../types';
import { arr, get, isObj, str } from './access';
import type { KubeObject, ParsedDocument } from './document';
import { typeErrors } from './fieldTypes';
import { locate } from './locate';
import { limits } from './parseFiles';

export interface ReadOptions {
  /**
   * Check each object's field types (default true). A caller that reads the objects again
   * and drops the diagnostics leaves it out: the check walks every field, and was two thirds
   * of reading a cluster dump a second time (the CLI's `contribution` does, after `analyze`).
   */
  typeErrors?: boolean;
}

/**
 * Reads Kubernetes objects out of documents; `kind: List` (as kubectl prints it) is unwrapped.
 * What cannot be read as an object is an error, not a warning: a document left out of the
 * model could hide a way in, and a gate must not pass on what was not read.
 */
export function readObjects(
  documents: readonly ParsedDocument[],
  options: ReadOptions = {},
): {
  objects: KubeObject[];
  diagnostics: Diagnostic[];
} {
  const checkTypes = options.typeErrors ?? true;
  const objects: KubeObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of documents) {
    const value = doc.value;
    if (Array.isArray(value)) {
      // A JSON array of objects is how some tools dump a cluster.
      value.forEach((item, i) => take(doc, item, [i]));
      continue;
    }
    take(doc, value, []);
  }
  return { objects, diagnostics };

  function take(doc: ParsedDocument, value: unknown, path: (string | number)[]): void {
    if (!isObj(value)) {
      diagnostics.push(
        unread(
          doc,
          path,
          `this ${path.length ? 'item' : 'document'} is not a Kubernetes object (expected a mapping with apiVersion and kind), so it was not read`,
        ),
      );
      return;
    }
    const kind = str(get(value, 'kind'));
    const apiVersion = str(get(value, 'apiVersion'));
    if (kind?.endsWith('List') && Array.isArray(get(value, 'items'))) {
      arr(get(value, 'items')).forEach((item, i) => take(doc, item, [...path, 'items', i]));
      return;
    }
    // A document that is one object: its text is the object's size. (The items of a List
    // come from a cluster, where the API server has bounded each already.)
    if (path.length === 0 && doc.text.length > limits.maxObjectBytes) {
      const mb = (doc.text.length / 1024 / 1024).toFixed(1);
      diagnostics.push(
        unread(
          doc,
          path,
          `this ${kind ?? 'object'} is ${mb} MB: kube-apiserver refuses objects over ${limits.maxObjectBytes / 1024 / 1024} MiB (the object size limit), so it cannot exist in a cluster and was not read`,
        ),
      );
      return;
    }
    if (!kind || !apiVersion) {
      const missing = !kind ? 'kind' : 'apiVersion';
      diagnostics.push(
        unread(
          doc,
          path,
          `this object has no ${missing}, so it was not read as a Kubernetes object`,
        ),
      );
      return;
    }
    const metadata = get(value, 'metadata');
    const name = str(get(metadata, 'name')) ?? str(get(metadata, 'generateName')) ?? '';
    const object: KubeObject = {
      kind,
      apiVersion,
      name,
      namespace: str(get(metadata, 'namespace')),
      raw: value,
      doc,
      path,
    };
    objects.push(object);
    if (!checkTypes) return;
    const errors = typeErrors(object);
    for (const d of errors) diagnostics.push(d);
    if (errors.length === 0) forgetServerBookkeeping(value, metadata);
  }
}

/**
 * Drops what the API server writes for its own bookkeeping and no part of the analysis reads:
 * `metadata.managedFields` (which client set which field, when) and `status` (what the
 * controllers observed). In a `kubectl get -A -o yaml` dump they were a fifth of the parsed
 * objects' memory (more with real pods' container statuses and nodes' image lists), held
 * through the whole analysis. They are dropped only from an object whose types all checked:
 * a value of the wrong type there makes the API server refuse the object, and must be said
 * again when the cached document is read again (after an edit elsewhere). The text is
 * untouched, so every line and column stays where it was. A reading that comes to need a
 * status field keeps that field.
 */
function forgetServerBookkeeping(value: Record<string, unknown>, metadata: unknown): void {
  if (get(value, 'status') !== undefined) delete value.status;
  if (isObj(metadata) && get(metadata, 'managedFields') !== undefined)
    delete metadata.managedFields;
}

/** At the item's own line inside a List or array; at the document's first line otherwise. */
function unread(doc: ParsedDocument, path: JsonPath, message: string): Diagnostic {
  if (path.length === 0)
    return { severity: 'error', message, file: doc.file, line: doc.startLine, column: 1 };
  const item: KubeObject = {
    kind: '',
    apiVersion: '',
    name: '',
    namespace: undefined,
    raw: {},
    doc,
    path,
  };
  const at = locate(item);
  return { severity: 'error', message, file: at.file, line: at.line, column: at.column };
}
