// A plugin section's markup, checked before it goes into a report. The plugin host takes it
// only from the `html` tag of @chronicle/plugin-api, which escapes every value, so any `<`
// in it was written by the plugin's author, not taken from patient data. The report page
// promises no scripts and nothing loaded from outside, so it also allows only plain
// structural tags with harmless attributes: a plugin cannot add a script, a style, an
// image or a link, by mistake or otherwise.

const TAGS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'span',
  'strong',
  'em',
  'b',
  'i',
  'small',
  'code',
  'br',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'h3',
  'h4',
  'blockquote',
]);

const ATTRIBUTE = /^(?:class|title|colspan|rowspan|scope|data-[a-z0-9-]+)$/;

// A tag whose attribute values are all double-quoted (the `html` tag escapes quotes in the
// values it puts there, so a value cannot close its quotes early).
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s"'=<>/]+(?:="[^"<>]*")?)*)\s*\/?>/y;
const ATTRIBUTES = /([^\s"'=<>/]+)(?:="[^"<>]*")?/g;

/** Why the markup may not go into a report, or undefined when it may. */
export function markupProblem(markup: string): string | undefined {
  for (let at = markup.indexOf('<'); at !== -1; at = markup.indexOf('<', at + 1)) {
    TAG.lastIndex = at;
    const tag = TAG.exec(markup);
    if (tag === null)
      return `it has a "<" at character ${at} that does not open a plain tag (write &lt; for the sign)`;
    const name = (tag[2] as string).toLowerCase();
    if (!TAGS.has(name)) return `it uses <${name}>, which reports do not allow`;
    for (const [, attribute] of (tag[3] ?? '').matchAll(ATTRIBUTES))
      if (!ATTRIBUTE.test((attribute as string).toLowerCase()))
        return `it uses the attribute ${attribute} on <${name}>, which reports do not allow`;
  }
  return undefined;
}

const BLOCK_TAGS =
  /<\/?(?:p|div|ul|ol|li|dl|dt|dd|table|caption|thead|tbody|tfoot|tr|h3|h4|blockquote|br)\b[^>]*>/gi;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  nbsp: ' ',
};

/**
 * The markup as lines of text, for the PDF: block tags end a line, list items start with a
 * bullet, table cells are separated by spaces, every other tag is dropped and entities are
 * decoded.
 */
export function markupLines(markup: string): string[] {
  // White space in the markup is layout, not line breaks: only block tags end a line.
  const text = markup
    .replace(/\s+/g, ' ')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/t[dh]>/gi, '  ')
    .replace(BLOCK_TAGS, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi,
      (entity, dec?: string, hex?: string, name?: string) => {
        const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
        if (code >= 0 && code <= 0x10ffff) return String.fromCodePoint(code);
        return ENTITIES[String(name).toLowerCase()] ?? entity;
      },
    );
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '' && line !== '•');
}
