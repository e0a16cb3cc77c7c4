import type { Claim } from '@chronicle/dataset';
import { bill, daysIn, logStaff, type MonthContext } from './month-log.js';

// The faults the generator can put into a billed month, each the kind of error auditors
// find, with the rule that must catch it. A fault replaces the month's time and lines.

export const FAULT_KINDS = [
  { kind: 'below-threshold', ruleId: 'TIME-BELOW-THRESHOLD', applies: () => true },
  {
    kind: 'addon-increment',
    ruleId: 'ADDON-INCREMENT-INCOMPLETE',
    applies: (y: number) => y >= 2020,
  },
  { kind: 'addon-over-cap', ruleId: 'ADDON-UNITS-OVER-CAP', applies: (y: number) => y >= 2020 },
  { kind: 'addon-without-base', ruleId: 'ADDON-WITHOUT-BASE', applies: (y: number) => y >= 2020 },
  { kind: 'dos-before-threshold', ruleId: 'DOS-BEFORE-THRESHOLD', applies: () => true },
  { kind: 'non-clinical-minutes', ruleId: 'STAFF-NOT-CLINICAL', applies: () => true },
  { kind: 'facility-stay', ruleId: 'TIME-DURING-FACILITY-STAY', applies: () => true },
  { kind: 'second-practitioner', ruleId: 'CCM-MULTI-PRACTITIONER', applies: () => true },
  {
    kind: 'complex-without-mdm',
    ruleId: 'COMPLEX-MDM-UNDOCUMENTED',
    applies: (y: number) => y >= 2017,
  },
  { kind: 'code-out-of-years', ruleId: 'CODE-NOT-EFFECTIVE', applies: (y: number) => y !== 2020 },
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number]['kind'];

const addonOf = (year: number) => (year >= 2021 ? '99439' : 'G2058');

/** Rewrites the month so it carries the fault; returns the rule ID expected to fire. */
export function applyFault(kind: FaultKind, ctx: MonthContext & { claim: Claim }): string {
  const { r, patient, month, year, claim } = ctx;
  patient.timeEntries = patient.timeEntries.filter((t) => !t.id.startsWith(`t-${month}-`));
  patient.carePlans = patient.carePlans.filter((c) => c.id !== `cp-${month}`);
  const lines = (l: Array<[string, number]>) => {
    claim.lines = l.map(([code, units]) => ({ code, units }));
  };
  switch (kind) {
    case 'below-threshold':
      logStaff(ctx, r.int(10, 19));
      lines([['99490', 1]]);
      break;
    case 'addon-increment':
      logStaff(ctx, r.int(25, 39));
      lines([
        ['99490', 1],
        [addonOf(year), 1],
      ]);
      break;
    case 'addon-over-cap':
      logStaff(ctx, r.int(82, 99));
      lines([
        ['99490', 1],
        [addonOf(year), 3],
      ]);
      break;
    case 'addon-without-base':
      logStaff(ctx, r.int(40, 55));
      lines([[addonOf(year), 1]]);
      break;
    case 'dos-before-threshold': {
      const entries = logStaff(ctx, r.int(25, 40));
      claim.dateOfService = (entries[0]?.start ?? `${month}-01`).slice(0, 10);
      lines([['99490', 1]]);
      break;
    }
    case 'non-clinical-minutes':
      logStaff(ctx, r.int(12, 15));
      logStaff(ctx, r.int(8, 10), 'c-fd1');
      lines([['99490', 1]]);
      break;
    case 'facility-stay':
      logStaff(ctx, r.int(24, 30));
      patient.encounters.push({
        id: `stay-${month}`,
        date: `${month}-01`,
        endDate: `${month}-${String(daysIn(month)).padStart(2, '0')}`,
        code: '99223',
        clinicianId: ctx.practitioner,
        kind: 'snf-part-a-stay',
      });
      lines([['99490', 1]]);
      break;
    case 'second-practitioner': {
      logStaff(ctx, r.int(25, 35));
      lines([['99490', 1]]);
      const other = ctx.practitioner === 'c-pr1' ? 'c-pr2' : 'c-pr1';
      bill(ctx, [['99490', 1]], other);
      break;
    }
    case 'complex-without-mdm':
      logStaff(ctx, r.int(62, 85));
      lines([['99487', 1]]);
      break;
    case 'code-out-of-years':
      logStaff(ctx, r.int(40, 55));
      lines([
        ['99490', 1],
        [year >= 2021 ? 'G2058' : '99439', 1],
      ]);
      break;
  }
  return FAULT_KINDS.find((k) => k.kind === kind)?.ruleId as string;
}
