import type { Claim, Patient, TimeEntry } from '@chronicle/dataset';
import { dateOf, type MonthKey } from './calendar.js';
import type { Random } from './random.js';
import type { Schedule } from './schedule.js';

// Logging a month's care-management time and billing it: shared by clean months and
// faults, so that a fault differs from a clean month only where it means to.

const STAFF_ACTIVITIES = [
  'Medication reconciliation call',
  'Reviewed home glucose log with patient',
  'Coordinated cardiology referral',
  'Arranged transport to appointment',
  'Symptom check after medication change',
  'Updated care plan goals with patient',
  'Prior authorization with payer',
  'Followed up on lab results',
  'Called pharmacy about refill synchronisation',
  'Caregiver call about home safety',
];
const PRACTITIONER_ACTIVITIES = [
  'Reviewed care plan and adjusted treatment',
  'Reviewed specialist notes and changed medications',
  'Called patient about worsening symptoms',
];
const FRONT_DESK_ACTIVITIES = ['Scheduled follow-up appointment', 'Mailed care plan copy'];

/** What the generator knows about one patient while it walks through the months. */
export interface PatientState {
  patient: Patient;
  practitioner: string;
  staff: string;
  /** Another practitioner of the practice (covering, or wrongly billing too). */
  otherPractitioner: string;
  nonClinical: string;
  /** Counter for entry and claim ids, unique within the patient. */
  seq: number;
  billedBefore: boolean;
  /** Set once the patient has died: no later months. */
  ended: boolean;
}

export interface MonthContext {
  r: Random;
  s: PatientState;
  month: MonthKey;
  schedule: Schedule;
  /** Status of claims this month: recent months are still awaiting payment. */
  claimStatus: Claim['status'];
}

export interface LogOptions {
  clinicianId?: string;
  /** Days of the month the entries fall on, both included. */
  fromDay?: number;
  toDay?: number;
}

/** Spreads `total` minutes over entries of 3-35 minutes on increasing days of the month. */
export function logMinutes(ctx: MonthContext, total: number, o: LogOptions = {}): TimeEntry[] {
  const { r, s, month } = ctx;
  const clinicianId = o.clinicianId ?? s.staff;
  const activities =
    clinicianId === s.nonClinical
      ? FRONT_DESK_ACTIVITIES
      : clinicianId.startsWith('c-pr')
        ? PRACTITIONER_ACTIVITIES
        : STAFF_ACTIVITIES;
  const fromDay = o.fromDay ?? 1;
  const span = Math.min(o.toDay ?? month.lastDay, month.lastDay) - fromDay + 1;
  const parts = split(r, total);
  return parts.map((minutes, i) => {
    const entry = ctx.schedule.book({
      id: `t-${month.key}-${++s.seq}`,
      clinicianId,
      day: fromDay + Math.floor(((i + r.next()) * span) / parts.length),
      minutes,
      activity: r.pick(activities),
      evening: r.chance(0.15),
      gap: r.int(0, 25),
      hour: r.next(),
      useEnd: r.chance(0.3),
    });
    s.patient.timeEntries.push(entry);
    return entry;
  });
}

/** Splits minutes into 1-5 parts of 3 to 35 minutes each (fewer than 3 only if the total is). */
function split(r: Random, total: number): number[] {
  const most = Math.max(1, Math.floor(total / 3));
  const n = Math.min(most, Math.max(Math.ceil(total / 35), r.int(2, 5)));
  const parts: number[] = [];
  let left = total;
  for (let i = n; i > 1; i--) {
    const low = Math.max(3, left - 35 * (i - 1));
    const high = Math.min(35, left - 3 * (i - 1));
    const share = Math.round((left / i) * (0.6 + r.next() * 0.8));
    const part = Math.min(high, Math.max(low, share));
    parts.push(part);
    left -= part;
  }
  parts.push(left);
  return parts;
}

export interface BillOptions {
  practitioner?: string;
  dateOfService?: string;
}

export function bill(
  ctx: MonthContext,
  lines: Array<[string, number]>,
  o: BillOptions = {},
): Claim {
  const { s, month } = ctx;
  const diagnoses = activeChronicCodes(s.patient, month);
  const claim: Claim = {
    id: `cl-${month.key}-${++s.seq}`,
    dateOfService: o.dateOfService ?? dateOf(month.key, month.lastDay),
    billingPractitionerId: o.practitioner ?? s.practitioner,
    placeOfService: '11',
    status: ctx.claimStatus,
    lines: lines.map(([code, units], i) =>
      i === 0 ? { code, units, diagnoses } : { code, units },
    ),
  };
  s.patient.claims.push(claim);
  s.billedBefore = true;
  return claim;
}

/** The chronic diagnoses a biller would put on the claim: those active in the month. */
function activeChronicCodes(patient: Patient, month: MonthKey): string[] {
  const first = dateOf(month.key, 1);
  const last = dateOf(month.key, month.lastDay);
  const codes: string[] = [];
  for (const c of patient.conditions) {
    if (c.id === 'dx-acute' || (c.onset !== undefined && c.onset > last)) continue;
    if (c.abatement !== undefined && c.abatement < first) continue;
    if (codes.length < 4) codes.push(c.code);
  }
  return codes;
}

/** The latest local date among entries (instants carry the practice's own offset). */
export function lastLocalDate(entries: readonly TimeEntry[]): string {
  let last = '';
  for (const e of entries) if (e.start.slice(0, 10) > last) last = e.start.slice(0, 10);
  return last;
}

export function localDay(entry: TimeEntry): number {
  return Number(entry.start.slice(8, 10));
}
