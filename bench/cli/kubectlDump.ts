import { dump, loadAll } from 'js-yaml';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCluster } from '../synthetic';

// The synthetic cluster as `kubectl get -A -o yaml` prints it, for the dump benchmark and
// for profiling: `npx tsx bench/cli/kubectlDump.ts 50000 > dump.yaml`.

/** The synthetic cluster as kubectl would print it. */
export function kubectlDump(objects: number): string {
  const items: unknown[] = [];
  for (const file of generateCluster(objects))
    for (const doc of loadAll(file.text)) {
      if (!doc || typeof doc !== 'object') continue;
      const o = doc as { metadata?: Record<string, unknown>; kind?: string };
      // The ThreatModel is the user's own object, never a server's: no server fields (its
      // schema refuses them, and an input with an error gives no analysis to time).
      if (o.kind === 'ThreatModel') {
        items.push(o);
        continue;
      }
      const i = items.length;
      o.metadata = {
        ...o.metadata,
        uid: `0b9a${i.toString(16).padStart(8, '0')}-1c2d-4e5f-8a9b-${(i * 7919).toString(16).padStart(12, '0')}`,
        resourceVersion: String(100_000 + i),
        creationTimestamp: '2026-11-01T10:00:00Z',
        managedFields: [
          {
            apiVersion: 'v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:metadata': { 'f:labels': { '.': {} } } },
            manager: 'kubectl-client-side-apply',
            operation: 'Update',
            time: '2026-11-01T10:00:00Z',
          },
        ],
      };
      items.push({ ...o, status: {} });
    }
  // `noRefs`: every item is a fresh object, so there are no shared references to mark, and
  // looking for them (js-yaml compares each node with every node seen) grew with the square
  // of the dump: 100,000 objects took minutes to write.
  return dump(
    { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } },
    { noRefs: true },
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(kubectlDump(Number(process.argv[2] ?? '50000')));
}
