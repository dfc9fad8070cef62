import type { JsonPath } from '../types';
import type { DocumentPositions } from './locate';

/** One YAML or JSON document of an input file, with what is needed to locate inside it. */
export interface ParsedDocument {
  file: string;
  /** 0-based position of the document in its file. */
  index: number;
  /** 1-based line of the file where `text` begins. */
  startLine: number;
  /** The document's own text; lines keep their columns. */
  text: string;
  value: unknown;
  /** What locating found in the document so far (see locate.ts). */
  positions?: DocumentPositions;
}

/** A Kubernetes object read from a document (a `List` yields one per item). */
export interface KubeObject {
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string | undefined;
  raw: Record<string, unknown>;
  doc: ParsedDocument;
  /** Where `raw` sits inside `doc.value` (`[]`, or `['items', 3]` inside a List). */
  path: JsonPath;
}

/** `Kind ns/name` (or `Kind name`), the way messages name an object. */
export function objectRef(o: Pick<KubeObject, 'kind' | 'name' | 'namespace'>): string {
  return o.namespace ? `${o.kind} ${o.namespace}/${o.name}` : `${o.kind} ${o.name}`;
}
