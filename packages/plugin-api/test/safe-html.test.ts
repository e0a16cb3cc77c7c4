import { describe, expect, it } from 'vitest';
import { escapeHtml, html, isSafeHtml } from '../src/index.js';

// Report HTML from plugins is built with the `html` tag: values are escaped, so text from
// the data can never become markup.

describe('the html tag', () => {
  it('escapes every interpolated value and keeps the literal markup', () => {
    const name = `O'Brien <b>&</b> "Jr"`;
    expect(html`<td title="${name}">${name}</td>`.html).toBe(
      '<td title="O&#39;Brien &lt;b&gt;&amp;&lt;/b&gt; &quot;Jr&quot;">O&#39;Brien &lt;b&gt;&amp;&lt;/b&gt; &quot;Jr&quot;</td>',
    );
  });

  it('keeps nested html, joins arrays, and drops null and undefined', () => {
    const rows = ['a<', 'b'].map((x) => html`<li>${x}</li>`);
    // Prettier formats html`` templates as HTML, adding whitespace: not this one.
    // prettier-ignore
    const list = html`<ul>${rows}${null}${undefined}</ul><p>${3}</p>`;
    expect(list.html).toBe('<ul><li>a&lt;</li><li>b</li></ul><p>3</p>');
  });

  it('tells its values from plain strings and look-alike objects', () => {
    expect(isSafeHtml(html`<p></p>`)).toBe(true);
    expect(isSafeHtml('<p></p>')).toBe(false);
    expect(isSafeHtml({ html: '<p></p>' })).toBe(false);
    expect(escapeHtml('<&>')).toBe('&lt;&amp;&gt;');
  });
});
