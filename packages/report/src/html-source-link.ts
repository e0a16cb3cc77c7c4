import { html, type Html } from './html-escape.js';

/**
 * A source as a link showing its host. Only http(s) URLs become links: escaping alone
 * would let a plugin rule's `javascript:` source run when clicked.
 */
export function sourceLink(source: string): Html {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return html`${source}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return html`${source}`;
  return html`<a href="${source}">${url.hostname}</a>`;
}

/** "Sources: a, b" with each source linked, or nothing when there are none. */
export function sourcesLine(sources: readonly string[]): Html | '' {
  if (sources.length === 0) return '';
  return html`<p class="sources">
    Sources: ${sources.map((u, i) => html`${i > 0 ? ', ' : ''}${sourceLink(u)}`)}
  </p>`;
}
