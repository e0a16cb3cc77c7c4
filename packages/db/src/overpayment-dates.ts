import type { Problem } from '@chronicle/dataset';

// The milestones of an overpayment case and the order they must keep: identified, then
// quantified (a day and an amount), then refunded (a day, an amount and the reference the
// contractor gave). A case's dates are checked whole, after a change is merged in; a date
// out of order is named by the field the change gave, or by the later one.

export interface CaseMilestones {
  identifiedOn: string;
  investigationEndsOn: string | null;
  quantifiedOn: string | null;
  quantifiedCents: number | null;
  refundedOn: string | null;
  refundedCents: number | null;
  refundReference: string | null;
}

type Field = keyof CaseMilestones;

/** Fields that are recorded together, named as the API names them. */
const TOGETHER: Array<Array<[Field, string]>> = [
  [
    ['quantifiedOn', 'quantifiedOn'],
    ['quantifiedCents', 'quantifiedAmount'],
  ],
  [
    ['refundedOn', 'refundedOn'],
    ['refundedCents', 'refundedAmount'],
    ['refundReference', 'refundReference'],
  ],
];

/** Each pair: the earlier date and the later one, which may not come before it. */
const ORDER: Array<[Field, Field]> = [
  ['identifiedOn', 'investigationEndsOn'],
  ['identifiedOn', 'quantifiedOn'],
  ['quantifiedOn', 'refundedOn'],
];

/** What is wrong with the case's milestones; `given` holds the fields the change set. */
export function milestoneProblems(c: CaseMilestones, given: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const group of TOGETHER) {
    const set = group.filter(([field]) => c[field] !== null);
    if (set.length > 0 && set.length < group.length) {
      const names = set.map(([, name]) => name).join(' and ');
      for (const [field, name] of group)
        if (c[field] === null) problems.push({ path: name, message: `is required with ${names}` });
    }
  }
  if (c.refundedOn !== null && c.quantifiedOn === null)
    problems.push({
      path: 'refundedOn',
      message: 'record the quantification (quantifiedOn and quantifiedAmount) before the refund',
    });
  for (const [earlier, later] of ORDER) {
    const [from, to] = [c[earlier], c[later]];
    if (typeof from !== 'string' || typeof to !== 'string' || to >= from) continue;
    problems.push(
      given.has(earlier) && !given.has(later)
        ? { path: earlier, message: `must be on or before ${later} (${to})` }
        : { path: later, message: `must be on or after ${earlier} (${from})` },
    );
  }
  return problems;
}
