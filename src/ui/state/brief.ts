// A stage brief often opens with its own title as a Markdown heading; the page already shows
// the title as the stage's heading, so the brief's copy is dropped before rendering.

/** The brief without a first-line heading that repeats `title` (case and spacing aside). */
export function withoutLeadingTitle(markdown: string, title: string): string {
  const match = /^\s*#{1,6}[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(markdown);
  if (!match) return markdown;
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(match[1] ?? '') === norm(title) ? markdown.slice(match[0].length) : markdown;
}
