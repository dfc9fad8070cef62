// A `kubectl get -A -o yaml` (or `-o json`) dump, split into one file per namespace so the
// page can show, edit and analyse it: the engine reads files up to 8 MB (parseFiles.ts,
// `limits.maxFileBytes`) and the editor is usable on files far smaller than a whole cluster.
// Runs in the engine worker and reports progress as it goes; the page cancels it by stopping
// the worker (engineClient.ts), so nothing here needs to poll for a cancel.
import { CORE_SCHEMA, load } from 'js-yaml';
import type { InputFile } from '../engine';

export { isDump } from './dumpKind';

export interface DumpProgress {
  /** Characters of the dump read so far, of `total`. */
  done: number;
  total: number;
}

export interface DumpImport {
  files: InputFile[];
  /** Objects written to `files`. */
  objects: number;
  /** Items that are not YAML objects, with their line in the dump: said, never dropped silently. */
  problems: string[];
}

/** Files larger than this are cut in parts, well under the engine's 8 MB per file. */
export const partChars = 4 * 1024 * 1024;
/** Progress is posted about this often (characters of the dump). */
const progressEvery = 256 * 1024;

interface Item {
  /** The item's own text, as a YAML (or JSON) document. */
  text: string;
  /** 1-based line of the item in the dump. */
  line: number;
}

/** The items of a YAML list dump, de-indented: the text slices, not re-serialised. */
function* yamlItems(text: string): Generator<Item & { end: number }> {
  const itemsAt = /^items:[ \t]*\r?$/m.exec(text);
  if (!itemsAt) return;
  let pos = itemsAt.index + itemsAt[0].length + 1;
  let line = text.slice(0, pos).split('\n').length;
  let indent = -1;
  let current: string[] = [];
  let currentLine = 0;
  const flush = (end: number) => {
    const out = current.length ? { text: current.join('\n') + '\n', line: currentLine, end } : null;
    current = [];
    return out;
  };
  while (pos < text.length) {
    const next = text.indexOf('\n', pos);
    const end = next === -1 ? text.length : next;
    const raw = text.slice(pos, end).replace(/\r$/, '');
    const lineStart = pos;
    pos = end + 1;
    line++;
    if (raw.trim() === '' || /^\s*#/.test(raw)) {
      if (current.length) current.push('');
      continue;
    }
    const lead = raw.length - raw.trimStart().length;
    if (indent === -1) {
      if (!raw.trimStart().startsWith('- ') && raw.trim() !== '-') return;
      indent = lead;
    }
    const isItem = lead === indent && (raw.slice(lead).startsWith('- ') || raw.trim() === '-');
    if (isItem) {
      const done = flush(lineStart);
      if (done) yield done;
      currentLine = line - 1;
      current.push(raw.slice(lead + 2));
      continue;
    }
    if (lead <= indent) break; // `kind: List`, `metadata:`: the list is over.
    current.push(raw.slice(Math.min(lead, indent + 2)));
  }
  const done = flush(pos);
  if (done) yield done;
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function namespaceOf(object: Raw): string {
  const metadata = object['metadata'];
  const ns = isObj(metadata) ? metadata['namespace'] : undefined;
  return typeof ns === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) ? ns : '';
}

/**
 * Splits a dump into `<base>/<namespace>.yaml` files (`<base>/cluster.yaml` for cluster-scoped
 * objects), each item's text kept as written so line numbers point at what the user wrote.
 */
export function importDump(
  name: string,
  text: string,
  onProgress: (progress: DumpProgress) => void = () => {},
): DumpImport {
  const base = (name.split('/').pop() ?? name).replace(/\.(ya?ml|json)$/i, '') || 'dump';
  const total = text.length;
  const groups = new Map<string, string[]>();
  const problems: string[] = [];
  let objects = 0;
  let reported = 0;
  const add = (object: unknown, itemText: string, line: number) => {
    if (!isObj(object) || typeof object['kind'] !== 'string') {
      problems.push(`${name}:${line}: an item that is not a Kubernetes object was left out`);
      return;
    }
    const ns = namespaceOf(object);
    const texts = groups.get(ns) ?? [];
    texts.push(itemText);
    groups.set(ns, texts);
    objects++;
  };
  const progress = (done: number) => {
    if (done - reported < progressEvery && done < total) return;
    reported = done;
    onProgress({ done, total });
  };

  if (text.trimStart().startsWith('{')) {
    // `-o json`: JSON is YAML, so each item is written back as JSON, one document each.
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      problems.push(`${name}: not valid JSON (${error instanceof Error ? error.message : error})`);
      return { files: [], objects: 0, problems };
    }
    const items = isObj(parsed) && Array.isArray(parsed['items']) ? parsed['items'] : [];
    items.forEach((item, i) => {
      add(item, JSON.stringify(item, null, 2) + '\n', i + 1);
      progress(Math.round(((i + 1) / items.length) * total));
    });
  } else {
    for (const item of yamlItems(text)) {
      let object: unknown;
      try {
        object = load(item.text, { schema: CORE_SCHEMA });
      } catch {
        object = undefined;
      }
      add(object, item.text, item.line);
      progress(item.end);
    }
  }
  onProgress({ done: total, total });

  const files: InputFile[] = [];
  for (const ns of [...groups.keys()].sort()) {
    const stem = `${base}/${ns || 'cluster'}`;
    let part: string[] = [];
    let size = 0;
    let n = 1;
    const write = () => {
      if (!part.length) return;
      files.push({ path: `${stem}${n === 1 ? '' : `-${n}`}.yaml`, text: part.join('---\n') });
      part = [];
      size = 0;
      n++;
    };
    for (const itemText of groups.get(ns) ?? []) {
      if (size + itemText.length > partChars) write();
      part.push(itemText);
      size += itemText.length + 4;
    }
    write();
  }
  return { files, objects, problems };
}
