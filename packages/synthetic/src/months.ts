import type { Claim } from '@chronicle/dataset';
import { dateOf } from './calendar.js';
import { bill, lastLocalDate, logMinutes, localDay, type MonthContext } from './month-log.js';

// Clean months: the time a care team logs and the claim those minutes support, as a
// careful biller would write it.

/** 99490's add-on in the year: G2058 in 2020, 99439 from 2021, none before. */
export function addonFor(year: number): string | undefined {
  return year >= 2021 ? '99439' : year === 2020 ? 'G2058' : undefined;
}

/** A month of time that is not billed: too little of it, or eligible but left unbilled. */
export function unbilledMonth(ctx: MonthContext, eligible: boolean): void {
  logMinutes(ctx, eligible ? ctx.r.int(22, 35) : ctx.r.int(5, 18));
}

/** A billed month of the kind `roll` (uniform in [0, 1)) selects, for the service year. */
export function billedMonth(ctx: MonthContext, roll: number): Claim {
  const { year } = ctx.month;
  if (roll < 0.12 && year >= 2017) return complexMonth(ctx);
  if (roll < 0.2 && year >= 2019) return personalMonth(ctx);
  return standardMonth(ctx, { dateOfService: ctx.r.chance(0.25) ? 'last-entry' : 'month-end' });
}

export interface StandardOptions {
  total?: number;
  fromDay?: number;
  toDay?: number;
  dateOfService?: 'month-end' | 'last-entry';
}

/** 99490 (with add-on units for each full 20 minutes beyond 20, up to 2, from 2020). */
export function standardMonth(ctx: MonthContext, o: StandardOptions = {}): Claim {
  const { r, s, month } = ctx;
  const total = o.total ?? r.int(20, 75);
  const range = { fromDay: o.fromDay, toDay: o.toDay };
  // Practitioner minutes count toward 99490 too; some months include a short call.
  const own = total >= 26 && r.chance(0.15) ? r.int(3, 10) : 0;
  const entries = logMinutes(ctx, total - own, range);
  if (own > 0) entries.push(...logMinutes(ctx, own, { ...range, clinicianId: s.practitioner }));
  const addon = addonFor(month.year);
  const units = Math.min(2, Math.floor((total - 20) / 20));
  const lines: Array<[string, number]> = [['99490', 1]];
  if (addon && units > 0) lines.push([addon, units]);
  const dateOfService = o.dateOfService === 'last-entry' ? lastLocalDate(entries) : undefined;
  return bill(ctx, lines, { dateOfService });
}

export interface ComplexOptions {
  staffMinutes?: number;
  mdm?: boolean;
  /** 99489 units to bill; by default the full 30-minute increments beyond 60. */
  addonUnits?: number;
}

/** 99487 (+99489): a substantial care-plan revision and the practitioner's moderate or high MDM. */
export function complexMonth(ctx: MonthContext, o: ComplexOptions = {}): Claim {
  const { r, s, month } = ctx;
  const staffMinutes = o.staffMinutes ?? r.int(60, 110);
  logMinutes(ctx, staffMinutes);
  const own = r.int(5, 15);
  const [entry] = logMinutes(ctx, own, {
    clinicianId: s.practitioner,
    fromDay: r.int(3, 20),
    toDay: month.lastDay - 1,
  });
  if (entry && o.mdm !== false) entry.mdm = r.chance(0.6) ? 'moderate' : 'high';
  const day = entry ? localDay(entry) : month.lastDay - 1;
  s.patient.carePlans.push({
    id: `cp-${month.key}`,
    date: dateOf(month.key, day),
    event: 'revised',
    substantialRevision: true,
    authorId: s.practitioner,
    elements: [...(s.patient.carePlans[0]?.elements ?? [])],
    sharedWithPatient: {
      date: dateOf(month.key, Math.min(day + 1, month.lastDay)),
      method: 'portal',
    },
  });
  const units = o.addonUnits ?? Math.floor((staffMinutes + own - 60) / 30);
  return bill(
    ctx,
    units > 0
      ? [
          ['99487', 1],
          ['99489', units],
        ]
      : [['99487', 1]],
  );
}

/** 99491: 30 minutes or more of the billing practitioner's own time. */
export function personalMonth(ctx: MonthContext): Claim {
  logMinutes(ctx, ctx.r.int(30, 50), { clinicianId: ctx.s.practitioner });
  return bill(ctx, [['99491', 1]]);
}
