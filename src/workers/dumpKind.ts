// Whether a text is a kubectl list dump: asked in the page (to send it to the worker's
// import) without loading the YAML parser there.

/** True when `text` is a list of objects as kubectl prints it (`kind: List`, `items:`). */
export function isDump(text: string): boolean {
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith('{'))
    return /"kind"\s*:\s*"List"/.test(text.slice(-4096)) || /"items"\s*:/.test(head);
  return /^items:\s*(\[\s*\])?$/m.test(head) || /^kind:\s*List\s*$/m.test(text.slice(-4096));
}
