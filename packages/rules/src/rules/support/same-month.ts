import type { BilledLine, MonthContext } from '../../engine/month-context.js';
import type { AtRiskLine } from '../../engine/rule.js';

// Shared by the same-month rules: the lines of a code family billed by this practitioner
// or by others in the month, summed for atRisk and named for messages and evidence.

export type OtherLine = BilledLine & { practitionerId: string };

export function ownLines(ctx: MonthContext, codes: readonly string[]): BilledLine[] {
  return ctx.lines.filter((l) => codes.includes(l.code));
}

export function otherLines(ctx: MonthContext, codes: readonly string[]): OtherLine[] {
  return ctx.otherPractitionerLines().filter((l) => codes.includes(l.code));
}

/** Units per code, in first-billed order. */
export function unitsByCode(lines: readonly BilledLine[]): AtRiskLine[] {
  const units = new Map<string, number>();
  for (const l of lines) units.set(l.code, (units.get(l.code) ?? 0) + l.units);
  return [...units].map(([code, n]) => ({ code, units: n }));
}

/** "99490, 99439 x2": the codes of some lines for a message. */
export function codesLabel(lines: readonly BilledLine[]): string {
  return unitsByCode(lines)
    .map((l) => (l.units > 1 ? `${l.code} x${l.units}` : l.code))
    .join(', ');
}

export function claimIdsOf(lines: ReadonlyArray<{ claimId: string }>): string[] {
  return [...new Set(lines.map((l) => l.claimId))];
}

export function practitionerIdsOf(lines: readonly OtherLine[]): string[] {
  return [...new Set(lines.map((l) => l.practitionerId))];
}

/** The practitioners' names for a message (ids where the dataset has no such clinician). */
export function practitionerNames(ctx: MonthContext, ids: readonly string[]): string {
  return ids.map((id) => ctx.clinician(id)?.name ?? id).join(', ');
}

export interface FamilyConflict {
  /** This practitioner billed both families: the lines of each. */
  same?: { first: BilledLine[]; second: BilledLine[] };
  /** This practitioner billed one family and another practitioner the other. */
  other?: { own: BilledLine[]; others: OtherLine[] };
}

/**
 * Two code families that may not share a patient-month. A conflict on this practitioner's
 * own claims is `same`; else one family here against the other family by someone else.
 */
export function familyConflict(
  ctx: MonthContext,
  first: readonly string[],
  second: readonly string[],
): FamilyConflict {
  const ownFirst = ownLines(ctx, first);
  const ownSecond = ownLines(ctx, second);
  if (ownFirst.length > 0 && ownSecond.length > 0)
    return { same: { first: ownFirst, second: ownSecond } };
  const own = ownFirst.length > 0 ? ownFirst : ownSecond;
  if (own.length === 0) return {};
  const others = otherLines(ctx, ownFirst.length > 0 ? second : first);
  return others.length > 0 ? { other: { own, others } } : {};
}

/** Lines of some codes in the month: this practitioner's, then (if asked) everyone else's. */
export function monthLinesOf(
  ctx: MonthContext,
  codes: readonly string[],
  anyPractitioner: boolean,
): OtherLine[] {
  // A billed month always has its practitioner; '' only stands in for an unbilled one.
  const self = ctx.billingPractitionerId ?? '';
  const own = ownLines(ctx, codes).map((l) => ({ ...l, practitionerId: self }));
  return anyPractitioner ? [...own, ...otherLines(ctx, codes)] : own;
}
