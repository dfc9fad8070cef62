// monaco-yaml's worker has no alias limit of its own: a "billion laughs" document (81 aliases)
// grew it to about 7 GB over two minutes and once crashed the tab, and the text being saved,
// it happened again on every reload. So a text reaches the YAML worker only after this check,
// in the page: a hostile text is shown as plain text (no YAML help), with a banner saying
// why; the engine still reads it, refuses it with the same words and marks the line.
import { checkAliases, splitDocuments } from '../../engine/manifests/parseFiles';

export const yamlWorkerLimits = {
  /** Past this size the YAML worker's validation against the Kubernetes schema takes seconds. */
  maxChars: 1_000_000,
};

/** Why `text` must not reach the YAML worker, or null when it may. */
export function yamlWorkerRefusal(text: string): string | null {
  if (text.length > yamlWorkerLimits.maxChars) {
    const size = (text.length / 1_000_000).toFixed(1);
    return `the file has ${size} million characters, more than ${yamlWorkerLimits.maxChars / 1_000_000} million (the editor's YAML size limit)`;
  }
  // Cheap for the usual manifest: no alias, no parse.
  if (!text.includes('*') || !text.includes('&')) return null;
  for (const slice of splitDocuments(text)) {
    const problem = checkAliases(slice.text);
    if (problem) return problem.replace(/; MUT Lab refuses it.*$/, '');
  }
  return null;
}

/** The model's language: YAML only for a text the worker can take. */
export function languageFor(text: string): 'yaml' | 'plaintext' {
  return yamlWorkerRefusal(text) === null ? 'yaml' : 'plaintext';
}
