// Strings that come from the input (object names, file names, messages quoting YAML) are
// printed through `shown`: a name holding an escape sequence, a carriage return or a newline
// could otherwise repaint the terminal, fake an "OK:" line, or start a CI log line with a
// workflow command (`::error::`, `::add-mask::`). JSON output carries the exact strings.

const named: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u001b': '\\x1b',
};

// C0 and C1 controls, DEL, and the Unicode marks that reorder or hide text (bidi overrides,
// isolates, zero-width and line/paragraph separators).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function shown(text: string): string {
  let out = text.replace(unsafe, (c) => named[c] ?? escapeCode(c));
  // A workflow command only counts at the start of a line: never let input begin one.
  if (out.startsWith('::')) out = '\\x3a' + out.slice(1);
  return out;
}

function escapeCode(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}
