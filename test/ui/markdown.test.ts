// @vitest-environment jsdom
// Briefs, hints and debriefs come from scenario authors: only what a brief needs survives.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/ui/state/markdown';

describe('renderMarkdown keeps what briefs need', () => {
  it('headings, lists, tables, code, emphasis', () => {
    const html = renderMarkdown(
      '# Title\n\n## Part\n\n- one\n- **two**\n\n1. a\n2. b\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n`kubectl`\n\n```yaml\nkind: Pod\n```\n',
    );
    for (const tag of [
      '<h1',
      '<h2',
      '<ul>',
      '<ol>',
      '<li>',
      '<strong>',
      '<table>',
      '<th',
      '<td',
      '<code>',
      '<pre>',
    ])
      expect(html).toContain(tag);
    expect(html).toContain('align="left"');
  });

  it('links to https, with rel="noopener noreferrer"', () => {
    expect(renderMarkdown('[docs](https://kubernetes.io/docs/)')).toBe(
      '<p><a href="https://kubernetes.io/docs/" rel="noopener noreferrer">docs</a></p>\n',
    );
  });

  it('images from the scenario’s own folder', () => {
    expect(renderMarkdown('![map](images/map.png)')).toBe(
      '<p><img src="images/map.png" alt="map"></p>\n',
    );
  });
});

describe('renderMarkdown drops everything else', () => {
  it.each([
    ['<style>', '<style>body { display: none }</style>\n\ntext', /<style|display/],
    ['a style attribute', '<div style="position:fixed;inset:0">x</div>', /style=|position/],
    [
      'a form and its inputs',
      '<form action="https://evil.test"><input name="p"><button>go</button></form>',
      /<form|<input|<button|action=/,
    ],
    ['a script', '<script>alert(1)</script><img src=x onerror=alert(1)>', /<script|onerror|alert/],
    ['an iframe', '<iframe src="https://evil.test"></iframe>', /<iframe/],
    ['an SVG', '<svg><a href="javascript:alert(1)">x</a></svg>', /<svg|javascript/],
    ['a class or id', '<p class="overlay" id="app">x</p>', /class=|id=/],
  ])('%s', (_, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  it.each([
    ['http', '[x](http://example.com)'],
    ['javascript', '[x](javascript:alert(1))'],
    ['data', '[x](data:text/html,hi)'],
    ['protocol-relative', '[x](//evil.test/)'],
  ])('a %s link loses its href', (_, source) => {
    expect(renderMarkdown(source)).toBe('<p><a>x</a></p>\n');
  });

  it.each([
    ['remote', '![pixel](https://tracker.test/p.png)'],
    ['protocol-relative', '![pixel](//tracker.test/p.png)'],
    ['absolute path', '![pixel](/etc/p.png)'],
    ['climbing out of the folder', '![pixel](../other/p.png)'],
    ['data URI', '![pixel](data:image/png;base64,AAAA)'],
    ['with a query', '![pixel](p.png?user=me)'],
  ])('a %s image becomes its alt text', (_, source) => {
    expect(renderMarkdown(source)).toBe('<p>pixel</p>\n');
  });
});
