import { CCM_CODES } from '../../codes/code-catalogue.js';
import type { BilledLine, MonthContext } from '../../engine/month-context.js';
import type { AtRiskLine, Reporter } from '../../engine/rule.js';
import type { Severity } from '../../report/report-schema.js';

// Shared by the same-month rules: the lines of a code family billed by this practitioner
// or by others in the month, summed for atRisk and named for messages and evidence.

export type OtherLine = BilledLine & { practitionerId: string };

// Most months bill none of the codes a rule asks about: they share one empty list
// instead of allocating their own (an audit asks hundreds of thousands of times).
const NO_LINES: readonly never[] = Object.freeze([]);

// The code families as sets, made once per list (the rules' lists are constants): a family
// is asked about several times a month, and a set answers faster than a scan of the list.
// Bounded, so that lists made afresh for each month fall back to a scan instead of piling up.
const familySets = new Map<readonly string[], ReadonlySet<string>>();
function familySet(codes: readonly string[]): ReadonlySet<string> | undefined {
  let set = familySets.get(codes);
  if (set === undefined && familySets.size < 256) {
    set = new Set(codes);
    familySets.set(codes, set);
  }
  return set;
}

function inFamily(
  code: string,
  codes: readonly string[],
  set: ReadonlySet<string> | undefined,
): boolean {
  return set === undefined ? codes.includes(code) : set.has(code);
}

export function ownLines(ctx: MonthContext, codes: readonly string[]): readonly BilledLine[] {
  return linesOf(ctx.lines, codes);
}

export function otherLines(ctx: MonthContext, codes: readonly string[]): readonly OtherLine[] {
  return linesOf(ctx.otherPractitionerLines(), codes);
}

function linesOf<L extends BilledLine>(
  lines: readonly L[],
  codes: readonly string[],
): readonly L[] {
  if (!anyOf(lines, codes)) return NO_LINES;
  const set = familySet(codes);
  return lines.filter((l) => inFamily(l.code, codes, set));
}

// Indexed rather than for-of: the lists passed here include the shared frozen empty one,
// and a for-of over arrays of mixed kinds allocates an iterator result per element.
function anyOf(lines: readonly BilledLine[], codes: readonly string[]): boolean {
  if (lines.length === 0) return false;
  const set = familySet(codes);
  for (let i = 0; i < lines.length; i++)
    if (inFamily((lines[i] as BilledLine).code, codes, set)) return true;
  return false;
}

/** Whether the code of line i was billed on an earlier line of the list (read once per code). */
export function billedEarlier(lines: readonly BilledLine[], i: number): boolean {
  const code = (lines[i] as BilledLine).code;
  for (let j = 0; j < i; j++) if ((lines[j] as BilledLine).code === code) return true;
  return false;
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
  same?: { first: readonly BilledLine[]; second: readonly BilledLine[] };
  /** This practitioner billed one family and another practitioner the other. */
  other?: { own: readonly BilledLine[]; others: readonly OtherLine[] };
}

const NO_CONFLICT: FamilyConflict = Object.freeze({});

/**
 * Two code families that may not share a patient-month. A conflict on this practitioner's
 * own claims is `same`; else one family here against the other family by someone else.
 */
export function familyConflict(
  ctx: MonthContext,
  first: readonly string[],
  second: readonly string[],
): FamilyConflict {
  const hasFirst = anyOf(ctx.lines, first);
  const hasSecond = anyOf(ctx.lines, second);
  if (hasFirst && hasSecond)
    return { same: { first: ownLines(ctx, first), second: ownLines(ctx, second) } };
  if (!hasFirst && !hasSecond) return NO_CONFLICT;
  const others = otherLines(ctx, hasFirst ? second : first);
  if (others.length === 0) return NO_CONFLICT;
  return { other: { own: ownLines(ctx, hasFirst ? first : second), others } };
}

/** Lines of some codes in the month: this practitioner's, then (if asked) everyone else's. */
export function monthLinesOf(
  ctx: MonthContext,
  codes: readonly string[],
  anyPractitioner: boolean,
): readonly OtherLine[] {
  // A billed month always has its practitioner; '' only stands in for an unbilled one.
  const self = ctx.billingPractitionerId ?? '';
  const own = ownLines(ctx, codes).map((l) => ({ ...l, practitionerId: self }));
  if (!anyPractitioner) return own;
  const others = otherLines(ctx, codes);
  return others.length === 0 ? own : own.length === 0 ? others : [...own, ...others];
}

export interface ConflictReportOptions {
  /** Message data keys naming the first and second family in the `same` message. */
  firstKey: string;
  secondKey: string;
  /** Message id for the other-practitioner finding; undefined: that case is allowed. */
  otherMessageId?: string;
  otherSeverity?: Severity;
  /** Whether the other-practitioner finding puts this practitioner's lines at risk. */
  otherAtRisk?: boolean;
  otherEvidence?: Record<string, unknown>;
}

/**
 * Reports what `familyConflict` found, the same way for every same-month rule: one
 * practitioner billing both families puts the second family's lines at risk; a conflict
 * with another practitioner's claim names them and their claims.
 */
export function reportFamilyConflict(
  ctx: MonthContext,
  report: Reporter,
  conflict: FamilyConflict,
  options: ConflictReportOptions,
): void {
  if (conflict.same) {
    const { first, second } = conflict.same;
    report({
      messageId: 'same',
      data: {
        [options.firstKey]: codesLabel(first),
        [options.secondKey]: codesLabel(second),
        month: ctx.month,
      },
      evidence: { claimIds: claimIdsOf([...first, ...second]) },
      atRisk: unitsByCode(second),
    });
    return;
  }
  if (!conflict.other || options.otherMessageId === undefined) return;
  const { own, others } = conflict.other;
  const ids = practitionerIdsOf(others);
  report({
    messageId: options.otherMessageId,
    data: {
      own: codesLabel(own),
      month: ctx.month,
      others: practitionerNames(ctx, ids),
      otherCodes: codesLabel(others),
    },
    evidence: {
      claimIds: claimIdsOf(own),
      otherPractitionerIds: ids,
      otherClaimIds: claimIdsOf(others),
      ...options.otherEvidence,
    },
    ...(options.otherAtRisk === false ? {} : { atRisk: unitsByCode(own) }),
    ...(options.otherSeverity ? { severity: options.otherSeverity } : {}),
  });
}

/**
 * CCM billed by this practitioner in a month where any practitioner billed a service that
 * excludes it (TCM before 2020, ESRD monthly services). `key` names the other service in
 * the message data (`{key}`, `{by}`) and the evidence (`{key}ClaimIds`, `{key}PractitionerIds`).
 */
export function reportCcmBesideService(
  ctx: MonthContext,
  report: Reporter,
  codes: readonly string[],
  key: string,
): void {
  // Most months bill the other service nowhere: found out before any list is made.
  if (!anyOf(ctx.lines, codes) && !anyOf(ctx.otherPractitionerLines(), codes)) return;
  const ccm = ownLines(ctx, CCM_CODES);
  if (ccm.length === 0) return;
  const other = monthLinesOf(ctx, codes, true);
  if (other.length === 0) return;
  const ids = practitionerIdsOf(other);
  report({
    messageId: key,
    data: {
      [key]: codesLabel(other),
      by: practitionerNames(ctx, ids),
      month: ctx.month,
      ccm: codesLabel(ccm),
    },
    evidence: {
      [`${key}ClaimIds`]: claimIdsOf(other),
      [`${key}PractitionerIds`]: ids,
      claimIds: claimIdsOf(ccm),
    },
    atRisk: unitsByCode(ccm),
  });
}
