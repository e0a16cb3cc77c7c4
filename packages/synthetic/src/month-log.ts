import type { Claim, Patient, TimeEntry } from '@chronicle/dataset';
import type { Random } from './random.js';
import type { Schedule } from './schedule.js';

// Logging a month's time and billing it: shared by the clean months and the faults.

const ACTIVITIES = [
  'Medication reconciliation call',
  'Reviewed home glucose log',
  'Coordinated specialist referral',
  'Arranged transport to appointment',
  'Symptom check after medication change',
  'Updated care plan goals with patient',
  'Prior authorization with payer',
  'Followed up on lab results',
];

export interface MonthContext {
  r: Random;
  patient: Patient;
  month: string;
  practitioner: string;
  staff: string;
  schedule: Schedule;
  year: number;
  practitionerCount: number;
}

/** Spreads `minutes` of the patient's care manager over two to four entries in the month. */
export function logStaff(ctx: MonthContext, minutes: number, clinicianId = ctx.staff): TimeEntry[] {
  const { r, patient, month, schedule } = ctx;
  const parts = splitMinutes(r, minutes, Math.min(4, Math.max(1, Math.floor(minutes / 6))));
  let day = r.int(1, 6);
  return parts.map((m) => {
    const e = schedule.book(
      `t-${month}-${patient.timeEntries.length + 1}`,
      clinicianId,
      day,
      m,
      r.pick(ACTIVITIES),
      r.chance(0.3),
    );
    patient.timeEntries.push(e);
    day = Math.min(daysIn(month), day + r.int(3, 7));
    return e;
  });
}

export function logPractitioner(ctx: MonthContext, minutes: number): TimeEntry {
  const e = ctx.schedule.book(
    `t-${ctx.month}-${ctx.patient.timeEntries.length + 1}`,
    ctx.practitioner,
    ctx.r.int(8, 20),
    minutes,
    'Reviewed care plan and adjusted treatment',
    false,
  );
  ctx.patient.timeEntries.push(e);
  return e;
}

export function bill(
  ctx: MonthContext,
  lines: Array<[string, number]>,
  practitioner = ctx.practitioner,
): Claim {
  const claim: Claim = {
    id: `cl-${ctx.month}-${ctx.patient.claims.length + 1}`,
    dateOfService: `${ctx.month}-${String(daysIn(ctx.month)).padStart(2, '0')}`,
    billingPractitionerId: practitioner,
    status: 'paid',
    lines: lines.map(([code, units]) => ({ code, units })),
  };
  ctx.patient.claims.push(claim);
  return claim;
}

function splitMinutes(r: Random, total: number, parts: number): number[] {
  const out: number[] = [];
  let left = total;
  for (let i = parts; i > 1; i--) {
    const share = Math.max(
      1,
      Math.min(left - (i - 1), Math.round((left / i) * (0.6 + r.next() * 0.8))),
    );
    out.push(share);
    left -= share;
  }
  out.push(left);
  return out;
}

export function daysIn(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}
