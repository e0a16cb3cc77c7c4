import { describe, expect, it } from 'vitest';
import { localDate, overpaymentClock } from '../src/index.js';

// The 60-day clock of an overpayment case (42 CFR 401.305): 60 days from identification,
// or from the end of a good-faith investigation capped at 180 days after identification;
// due soon within 14 days of the deadline, overdue the day after it, refunded once paid
// back. Pure: each case names the day it is judged on.

const identified = { identifiedOn: '2026-03-01', investigationEndsOn: null, refundedOn: null };

describe('the overpayment clock', () => {
  it.each([
    ['the day after identification', '2026-03-02', 59, 'on-track'],
    ['15 days before the deadline', '2026-04-15', 15, 'on-track'],
    ['14 days before the deadline', '2026-04-16', 14, 'due-soon'],
    ['the deadline itself', '2026-04-30', 0, 'due-soon'],
    ['the day after the deadline', '2026-05-01', -1, 'overdue'],
  ] as const)('on %s (%s): %i days left, %s', (_when, today, daysLeft, state) => {
    expect(overpaymentClock(identified, today)).toEqual({
      clockStartsOn: '2026-03-01',
      deadline: '2026-04-30',
      daysLeft,
      state,
      refundedLate: null,
    });
  });

  it('starts the 60 days when a good-faith investigation ends', () => {
    const clock = overpaymentClock(
      { ...identified, investigationEndsOn: '2026-05-01' },
      '2026-06-01',
    );
    expect(clock).toMatchObject({
      clockStartsOn: '2026-05-01',
      deadline: '2026-06-30',
      daysLeft: 29,
    });
  });

  it('suspends the clock for at most 180 days after identification', () => {
    const clock = overpaymentClock(
      { ...identified, investigationEndsOn: '2027-01-01' },
      '2026-10-01',
    );
    expect(clock).toMatchObject({
      clockStartsOn: '2026-08-28',
      deadline: '2026-10-27',
      daysLeft: 26,
    });
  });

  it.each([
    ['on the deadline', '2026-04-30', false],
    ['after the deadline', '2026-05-02', true],
  ])('is refunded, without days left, when paid back %s', (_when, refundedOn, refundedLate) => {
    expect(overpaymentClock({ ...identified, refundedOn }, '2026-06-01')).toEqual({
      clockStartsOn: '2026-03-01',
      deadline: '2026-04-30',
      daysLeft: null,
      state: 'refunded',
      refundedLate,
    });
  });

  it("judges the day by the practice's time zone", () => {
    // 03:00 UTC on 1 May is still 30 April in Chicago: due that day, not yet overdue.
    const now = new Date('2026-05-01T03:00:00Z');
    expect(localDate(now, 'UTC')).toBe('2026-05-01');
    expect(localDate(now, 'America/Chicago')).toBe('2026-04-30');
    expect(overpaymentClock(identified, localDate(now, 'America/Chicago')).state).toBe('due-soon');
  });
});
