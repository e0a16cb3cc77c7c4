// HTML a plugin hands to a report: built only with the `html` tag, which escapes every
// value put into it, so a plugin cannot slip patient-controlled text (a name, a note)
// into a report as markup by mistake. The host refuses any other string.

// Symbol.for, not Symbol(): a plugin may carry its own copy of this package, and its
// values must still be recognised.
const SAFE: unique symbol = Symbol.for('chronicle.safe-html');

/** HTML text built by {@link html}: every interpolated value was escaped. */
export interface SafeHtml {
  readonly [SAFE]: true;
  /** The markup. */
  readonly html: string;
}

/** What {@link html} accepts between `${}`: text and numbers are escaped, SafeHtml kept. */
export type HtmlValue = string | number | SafeHtml | null | undefined | readonly HtmlValue[];

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * A tagged template for report HTML: the literal parts are kept, every value is escaped
 * (arrays are joined, `null` and `undefined` give nothing, nested `html` is kept as is).
 *
 * @example html`<p>${patientCount} patients reviewed by ${reviewer}</p>`
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return safe(out);
}

/** True for a value built by {@link html} (by any copy of this package). */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [SAFE]?: unknown })[SAFE] === true &&
    typeof (value as { html?: unknown }).html === 'string'
  );
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  if (isSafeHtml(value)) return value.html;
  return (value as readonly HtmlValue[]).map(render).join('');
}

function safe(markup: string): SafeHtml {
  return Object.freeze({ [SAFE]: true as const, html: markup });
}
