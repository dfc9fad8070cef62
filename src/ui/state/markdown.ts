// Stage briefs are Markdown written by scenario authors, and scenarios can come from anyone.
// marked turns them into HTML; DOMPurify then keeps only what a brief needs (headings, lists,
// tables, code, emphasis, links to https, images from the scenario's own folder) and nothing
// else: no <style> or style="" (they could restyle the page or lay an invisible overlay over
// it), no forms or inputs, no remote images (they would tell a third party who reads what).
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const allowedTags = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'pre',
  'code',
  'kbd',
  'em',
  'strong',
  'del',
  's',
  'sub',
  'sup',
  'a',
  'img',
];
// `align` is how marked writes a table column's alignment; `start` numbers an ordered list.
const allowedAttributes = ['href', 'title', 'src', 'alt', 'align', 'start'];

/** `https:` links only; a bare `#anchor` within the brief is fine too. */
export function allowedLink(href: string): boolean {
  return /^https:\/\/[^\s]+$/i.test(href) || /^#[\w-]*$/.test(href);
}

/**
 * An image path inside the scenario's folder: relative, no scheme, no `//host`, no `..`, no
 * absolute path, no query (nothing that could reach another origin or climb out).
 */
export function allowedImage(src: string): boolean {
  if (!/^[\w./-]+$/.test(src)) return false;
  if (src.startsWith('/') || src.includes('//')) return false;
  return !src.split('/').includes('..');
}

let hooked = false;
function addHooks(): void {
  if (hooked) return;
  hooked = true;
  // Elements are checked before their attributes: an image from elsewhere is replaced by its
  // alt text here (a broken-image icon would tell nothing).
  DOMPurify.addHook('afterSanitizeElements', (node) => {
    if (node.nodeName !== 'IMG') return;
    const image = node as Element;
    if (allowedImage(image.getAttribute('src') ?? '')) return;
    const alt = image.ownerDocument.createTextNode(image.getAttribute('alt') ?? '');
    image.parentNode?.replaceChild(alt, image);
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (!allowedLink(href)) node.removeAttribute('href');
    else if (!href.startsWith('#')) node.setAttribute('rel', 'noopener noreferrer');
  });
}

export function renderMarkdown(source: string): string {
  addHooks();
  const html = marked.parse(source, { async: false, gfm: true });
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttributes,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}
