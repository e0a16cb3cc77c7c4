import type { AuditedMonth } from '@chronicle/rules';

// The sampling frame: every billed patient-month of the audit (at least one claim), in an
// order a reviewer can rebuild outside Chronicle. Unbilled months carry findings for
// information only and are never part of the frame.

/** The fields of an audited month that the frame and the strata look at. */
export type FrameMonth = Pick<
  AuditedMonth,
  'patientId' | 'month' | 'billingPractitionerId' | 'claimIds' | 'billedAmount'
>;

export const FRAME_ORDER =
  'month, then patient id, then billing practitioner id (empty when none), each compared ' +
  'by Unicode code point (the order of their UTF-8 bytes), not by locale';

/**
 * Compares by Unicode code point. JavaScript's `<` compares UTF-16 code units, which puts
 * U+10000 and above (surrogate pairs, 0xD800-0xDFFF) before U+E000-U+FFFF; other languages
 * sort by code point or UTF-8 byte, so the first differing unit is remapped to agree.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

export function compareFrameMonths(a: FrameMonth, b: FrameMonth): number {
  return (
    compareCodePoints(a.month, b.month) ||
    compareCodePoints(a.patientId, b.patientId) ||
    compareCodePoints(a.billingPractitionerId ?? '', b.billingPractitionerId ?? '')
  );
}

/** The billed months in frame order (position p is index p - 1). The input is not changed. */
export function buildFrame<M extends FrameMonth>(months: readonly M[]): M[] {
  // Array.prototype.sort is stable, so months with the same key keep the audit's order.
  return months.filter((m) => m.claimIds.length > 0).sort(compareFrameMonths);
}
