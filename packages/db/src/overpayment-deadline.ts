// The 60-day clock of an overpayment case, as pure date arithmetic on YYYY-MM-DD days: no
// clock is read here, the caller hands in today's date. 42 CFR 401.305 has an identified
// overpayment reported and returned within 60 days of its identification; since 2025 the
// deadline is suspended while a timely, good-faith investigation of related overpayments
// runs, for at most 180 days after identification. Chronicle starts the 60 days when the
// investigation ends (capped at those 180 days) and reads "within 60 days" as "on or
// before the 60th day after" (docs/compliance/corrective-actions.md says what is unsure).
// The cost-report due date, which can make the deadline later, is not modelled.

export const REPORT_AND_RETURN_DAYS = 60;
export const MAX_INVESTIGATION_DAYS = 180;
/** A case within this many days of its deadline is due soon. */
export const DUE_SOON_DAYS = 14;

export const OVERPAYMENT_STATES = ['overdue', 'due-soon', 'on-track', 'refunded'] as const;
export type OverpaymentState = (typeof OVERPAYMENT_STATES)[number];

const DAY_MS = 86_400_000;

const dayMs = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

export function addDays(date: string, days: number): string {
  return new Date(dayMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/** The calendar day an instant falls on in a time zone (the practice's). */
export function localDate(now: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export interface OverpaymentClock {
  /** The day the 60 days start: identification, or the end of the investigation. */
  clockStartsOn: string;
  /** The last day to report and return. */
  deadline: string;
  /** Days from today to the deadline (negative once past); null once refunded. */
  daysLeft: number | null;
  state: OverpaymentState;
  /** Refunded after the deadline; null until refunded. */
  refundedLate: boolean | null;
}

export function overpaymentClock(
  c: { identifiedOn: string; investigationEndsOn: string | null; refundedOn: string | null },
  today: string,
): OverpaymentClock {
  const longest = addDays(c.identifiedOn, MAX_INVESTIGATION_DAYS);
  const clockStartsOn =
    c.investigationEndsOn === null
      ? c.identifiedOn
      : c.investigationEndsOn < longest
        ? c.investigationEndsOn
        : longest;
  const deadline = addDays(clockStartsOn, REPORT_AND_RETURN_DAYS);
  if (c.refundedOn !== null)
    return {
      clockStartsOn,
      deadline,
      daysLeft: null,
      state: 'refunded',
      refundedLate: c.refundedOn > deadline,
    };
  const daysLeft = daysBetween(today, deadline);
  const state = daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'on-track';
  return { clockStartsOn, deadline, daysLeft, state, refundedLate: null };
}
