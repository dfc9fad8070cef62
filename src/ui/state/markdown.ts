// Stage briefs are Markdown written by scenario authors. marked turns them into HTML and
// DOMPurify removes anything executable before Svelte inserts it with {@html}.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
