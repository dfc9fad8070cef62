// The scenario folder as a zip (fflate: small, maintained, no dependencies), every file under
// the folder's own name so unzipping gives a folder `mut scenario verify` takes as it is.
import { strToU8, zipSync } from 'fflate';

export function scenarioZip(
  folder: string,
  files: Record<string, string>,
): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = {};
  for (const path of Object.keys(files).sort())
    entries[`${folder}/${path}`] = strToU8(files[path] ?? '');
  const zipped = zipSync(entries, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
  return new Uint8Array(zipped);
}
