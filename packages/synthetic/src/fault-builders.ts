import type { Claim } from '@chronicle/dataset';
import { addMonths, dateOf } from './calendar.js';
import type { FaultKind } from './fault-kinds.js';
import { bill, lastLocalDate, logMinutes, localDay, type MonthContext } from './month-log.js';
import { addonFor, complexMonth, standardMonth } from './months.js';

// How each fault kind is written into a month: the month's time, claim and whatever
// patient record the fault is about, built in place of a clean month.

type Builder = (ctx: MonthContext) => Claim;

const single = (ctx: MonthContext, code: string, units = 1) => bill(ctx, [[code, units]]);

const BUILDERS: Record<FaultKind, Builder> = {
  // The patient opted out during the month and enrolled again the next.
  'no-consent': (ctx) => {
    const { r, s, month } = ctx;
    const base = s.patient.consents[0];
    if (base) {
      const decided = { ...base, informed: { ...base.informed } };
      s.patient.consents.push(
        {
          ...decided,
          id: `cons-${month.key}-d`,
          date: dateOf(month.key, r.int(2, 10)),
          decision: 'declined',
        },
        {
          ...decided,
          id: `cons-${month.key}-a`,
          date: `${addMonths(month.key, 1)}-01`,
          decision: 'accepted',
        },
      );
    }
    return standardMonth(ctx);
  },
  // Consent is recorded mid-month, after the care manager had already logged time.
  'consent-after-time': (ctx) => {
    const { r, s, month } = ctx;
    const early = logMinutes(ctx, r.int(8, 16), { fromDay: 2, toDay: 6 });
    const consentDay = Number(lastLocalDate(early).slice(8)) + r.int(1, 3);
    const consent = s.patient.consents[0];
    if (consent) consent.date = dateOf(month.key, consentDay);
    logMinutes(ctx, r.int(12, 18), { fromDay: consentDay + 1, toDay: 27 });
    return single(ctx, '99490');
  },
  'below-threshold': (ctx) => {
    logMinutes(ctx, ctx.r.int(10, 19));
    return single(ctx, '99490');
  },
  // One add-on unit for a part of an increment (99489 before 99490 had an add-on).
  'addon-increment': (ctx) => {
    const addon = addonFor(ctx.month.year);
    if (!addon) return complexMonth(ctx, { staffMinutes: ctx.r.int(60, 70), addonUnits: 1 });
    logMinutes(ctx, ctx.r.int(25, 39));
    return bill(ctx, [
      ['99490', 1],
      [addon, 1],
    ]);
  },
  'addon-over-cap': (ctx) => {
    logMinutes(ctx, ctx.r.int(82, 99));
    return bill(ctx, [
      ['99490', 1],
      [addonFor(ctx.month.year) ?? '99439', 3],
    ]);
  },
  'addon-without-base': (ctx) => {
    const addon = addonFor(ctx.month.year);
    logMinutes(ctx, addon ? ctx.r.int(40, 55) : ctx.r.int(90, 110));
    return single(ctx, addon ?? '99489');
  },
  // Billed on the day of the first call, before the month reached 20 minutes.
  'dos-before-threshold': (ctx) => {
    const { r } = ctx;
    const early = logMinutes(ctx, r.int(6, 14), { fromDay: 2, toDay: 8 });
    logMinutes(ctx, r.int(16, 30), { fromDay: 15, toDay: 27 });
    return bill(ctx, [['99490', 1]], { dateOfService: lastLocalDate(early) });
  },
  'non-clinical-minutes': (ctx) => {
    logMinutes(ctx, ctx.r.int(12, 15));
    logMinutes(ctx, ctx.r.int(8, 10), { clinicianId: ctx.s.nonClinical });
    return single(ctx, '99490');
  },
  // Calls logged while the patient was in hospital; the rest of the month is short.
  'inpatient-minutes': (ctx) => {
    const { r, s, month } = ctx;
    const during = logMinutes(ctx, r.int(10, 18), { fromDay: 5, toDay: 9 });
    logMinutes(ctx, r.int(10, 17), { fromDay: 16, toDay: 27 });
    const days = during.map(localDay);
    s.patient.encounters.push({
      id: `stay-${month.key}`,
      date: dateOf(month.key, Math.max(1, Math.min(...days) - r.int(0, 2))),
      endDate: dateOf(month.key, Math.max(...days) + r.int(1, 4)),
      code: '99223',
      clinicianId: s.practitioner,
      kind: 'inpatient-stay',
    });
    return single(ctx, '99490');
  },
  'second-practitioner': (ctx) => {
    const claim = standardMonth(ctx);
    bill(ctx, [['99490', 1]], { practitioner: ctx.s.otherPractitioner });
    return claim;
  },
  'complex-without-mdm': (ctx) => complexMonth(ctx, { mdm: false }),
  // The care plan reached the patient only the month after.
  'care-plan-not-shared': (ctx) => {
    const plan = ctx.s.patient.carePlans[0];
    const next = addMonths(ctx.month.key, 1);
    if (plan?.sharedWithPatient) plan.sharedWithPatient.date = dateOf(next, ctx.r.int(1, 10));
    return standardMonth(ctx);
  },
  // Only one chronic condition was on file; the others were diagnosed in later months.
  'one-chronic-condition': (ctx) => {
    const { r, s, month } = ctx;
    s.patient.conditions.forEach((c, i) => {
      if (i > 0 && c.id !== 'dx-acute')
        c.onset = dateOf(addMonths(month.key, i === 1 ? 1 : r.int(1, 4)), r.int(1, 20));
    });
    return standardMonth(ctx);
  },
  // The patient died mid-month; the claim is dated at month end all the same.
  'deceased-before-dos': (ctx) => {
    const { r, s, month } = ctx;
    const claim = standardMonth(ctx, { total: r.int(20, 45), toDay: 18 });
    const logged = s.patient.timeEntries.filter((t) => t.start.startsWith(month.key));
    const lastCall = Number(lastLocalDate(logged).slice(8));
    s.patient.deathDate = dateOf(month.key, Math.min(month.lastDay - 1, lastCall + r.int(1, 5)));
    s.ended = true;
    return claim;
  },
  // 2021 on: the 2020-only G2058; before 2021: 99439.
  'code-out-of-years': (ctx) => {
    const { year } = ctx.month;
    logMinutes(ctx, ctx.r.int(40, 55));
    return bill(ctx, [
      ['99490', 1],
      [year >= 2021 ? 'G2058' : '99439', 1],
    ]);
  },
};

export function buildFault(kind: FaultKind, ctx: MonthContext): Claim {
  return BUILDERS[kind](ctx);
}
