import type { BilledCode } from '@chronicle/rules';

// Number and value formats shared by the HTML and PDF renderings, so that both show the
// same figures to the cent and to the tenth of a percent. Fixed locale and fixed digits:
// the output must not depend on the machine that renders it.

// Built once: toLocaleString builds a formatter per call, which is most of the time a
// 100,000-month report spends formatting amounts.
const CENTS = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const formats = new Map<number, Intl.NumberFormat>();

export function money(n: number): string {
  const text = CENTS.format(Math.abs(n));
  // Negative amounts occur in an estimate's lower limit; "-$12.00" reads better than "$-12.00".
  return n < 0 && text !== '0.00' ? `-$${text}` : `$${text}`;
}

/** A share (0..1) as a percentage with one decimal: 0.3333 -> "33.3%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A confidence level (0..1) as "90%" or "92.5%". */
export function confidenceLabel(level: number): string {
  return `${Number((level * 100).toFixed(2))}%`;
}

export function decimal(n: number, digits: number): string {
  let format = formats.get(digits);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(digits, format);
  }
  return format.format(n);
}

export function codesLabel(codes: readonly BilledCode[]): string {
  return codes.map((c) => `${c.code}${c.units > 1 ? ` x${c.units}` : ''}`).join(', ');
}

/** An evidence value as text: strings as they are, anything else as JSON. */
export function evidenceText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** Code-unit order: unlike localeCompare, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
