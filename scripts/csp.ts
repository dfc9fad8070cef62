/**
 * MUT Lab's Content Security Policy, one source for the built page (a `<meta http-equiv>`
 * that any static host applies), for `vite preview` (also sent as a header, as a host that
 * sets headers would) and for the tests. docs/architecture.md explains each directive.
 */
import type { Plugin } from 'vite';

export const cspDirectives: Record<string, string[]> = {
  'default-src': ["'self'"],
  // No 'unsafe-eval' (Ajv's validators are precompiled: scripts/gen-validators.ts), no
  // 'unsafe-inline': every script is a file of the build.
  'script-src': ["'self'"],
  // Monaco writes its themes, decorations and layout into <style> elements it creates at run
  // time, without a nonce, and Svelte's transitions do the same: styles need 'unsafe-inline'.
  // Styles cannot run code; the page's Markdown is sanitised of <style> and style="".
  'style-src': ["'self'", "'unsafe-inline'"],
  // Monaco's CSS inlines small icons as data: URIs.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  // The engine, editor and YAML workers are files of the build, never blobs.
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export const contentSecurityPolicy = Object.entries(cspDirectives)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/**
 * Adds the policy to the built index.html only: `vite dev` serves inline scripts for hot
 * reloading, which the policy would block.
 */
export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'mutlab-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
