import type { Diagnostic } from '../types';
import { arr, get, isObj, str } from './access';
import type { KubeObject, ParsedDocument } from './document';

/** Reads Kubernetes objects out of documents; `kind: List` (as kubectl prints it) is unwrapped. */
export function readObjects(documents: readonly ParsedDocument[]): {
  objects: KubeObject[];
  diagnostics: Diagnostic[];
} {
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
        warning(
          doc,
          'this document is not a Kubernetes object (expected a mapping with apiVersion and kind)',
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
    if (!kind || !apiVersion) {
      const missing = !kind ? 'kind' : 'apiVersion';
      diagnostics.push(
        warning(doc, `this object has no ${missing}, so it is not read as a Kubernetes object`),
      );
      return;
    }
    const metadata = get(value, 'metadata');
    const name = str(get(metadata, 'name')) ?? str(get(metadata, 'generateName')) ?? '';
    objects.push({
      kind,
      apiVersion,
      name,
      namespace: str(get(metadata, 'namespace')),
      raw: value,
      doc,
      path,
    });
  }
}

function warning(doc: ParsedDocument, message: string): Diagnostic {
  return { severity: 'warning', message, file: doc.file, line: doc.startLine, column: 1 };
}
