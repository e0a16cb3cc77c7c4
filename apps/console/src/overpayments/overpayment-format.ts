import type { ApiOutputs } from '../api.js';

// How an overpayment case's clock reads: its state in words and the days left to its
// deadline (the server works both out on the practice's calendar; the page only says them).

export type OverpaymentCase = ApiOutputs['overpayments']['list'][number];
export type OverpaymentState = OverpaymentCase['state'];

export const STATE_LABELS: Record<OverpaymentState, string> = {
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  'on-track': 'On track',
  refunded: 'Refunded',
};

export const stateLabel = (state: OverpaymentState) => STATE_LABELS[state];

/** "12 days left", "due today", "3 days overdue"; for a refunded case, whether it was late. */
export function daysLeftLabel(c: Pick<OverpaymentCase, 'daysLeft' | 'refundedLate'>): string {
  if (c.daysLeft === null) return c.refundedLate ? 'refunded late' : 'refunded in time';
  if (c.daysLeft === 0) return 'due today';
  if (c.daysLeft < 0) return `${-c.daysLeft} ${c.daysLeft === -1 ? 'day' : 'days'} overdue`;
  return `${c.daysLeft} ${c.daysLeft === 1 ? 'day' : 'days'} left`;
}
