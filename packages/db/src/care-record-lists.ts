import { PROGRAMS, type CarePlanEvent, type Consent, type TimeEntry } from '@chronicle/dataset';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { parseInput, refuse } from './care-record-error.js';
import { loadClosedMonths, RECORD_KINDS, type RecordType } from './closed-months.js';
import { enrollmentHistory, type EnrollmentEvent } from './enrollment.js';
import { readRecords, type RecordOf, type StoredRecord } from './patient-records.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// A patient's enrollment history, consents, care-plan events and a month's time entries,
// the records with the version an edit must name. Every read goes to the activity log
// (which list, never its values).

const ref = z.string().min(1, 'is required').max(200);

export const patientRecordsInputSchema = z.strictObject({ practiceId: ref, patientId: ref });
export type PatientRecordsInput = z.input<typeof patientRecordsInputSchema>;

export const monthTimeInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
});
export type MonthTimeInput = z.input<typeof monthTimeInputSchema>;

export const enrollmentHistoryInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  program: z.enum(PROGRAMS).optional(),
});
export type EnrollmentHistoryInput = z.input<typeof enrollmentHistoryInputSchema>;

export interface MonthTime {
  month: string;
  /** Closed: its entries change only by amendment. */
  closed: boolean;
  /** The entries that start in the month on the practice's calendar, in list order. */
  entries: Array<StoredRecord<TimeEntry> & { seconds: number }>;
}

/** Every change of the patient's enrollment (of one program, or all), oldest first. */
export async function listEnrollment(
  db: Db,
  orgId: string,
  actor: string,
  input: EnrollmentHistoryInput,
): Promise<EnrollmentEvent[]> {
  const { program, ...where } = parseInput(enrollmentHistoryInputSchema, input);
  await withTenant(db, orgId, async (trx) => {
    await requirePatient(trx, orgId, where);
    await logRead(trx, orgId, actor, where, 'enrollment');
  });
  return enrollmentHistory(db, orgId, program === undefined ? where : { ...where, program });
}

export function listConsents(
  db: Db,
  orgId: string,
  actor: string,
  input: PatientRecordsInput,
): Promise<Array<StoredRecord<Consent>>> {
  return listOf(db, orgId, actor, input, 'consent');
}

export function listCarePlanEvents(
  db: Db,
  orgId: string,
  actor: string,
  input: PatientRecordsInput,
): Promise<Array<StoredRecord<CarePlanEvent>>> {
  return listOf(db, orgId, actor, input, 'care_plan_event');
}

/** The patient's time entries of a month, with the seconds each one counts for. */
export async function listMonthTime(
  db: Db,
  orgId: string,
  actor: string,
  input: MonthTimeInput,
): Promise<MonthTime> {
  const { month, ...where } = parseInput(monthTimeInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    await requirePatient(trx, orgId, where);
    const closed = await loadClosedMonths(trx, orgId, where.practiceId, where.patientId);
    const all = await readRecords(trx, orgId, where, 'time_entry');
    const entries = all
      .filter(({ record }) => closed.localMonth(Date.parse(record.start)) === month)
      .map((stored) => ({ ...stored, seconds: secondsOf(stored.record) }));
    await logRead(trx, orgId, actor, where, 'time_entry');
    return {
      month,
      closed: closed.byPatient.get(where.patientId)?.includes(month) ?? false,
      entries,
    };
  });
}

function secondsOf(entry: TimeEntry): number {
  if (entry.end !== undefined)
    return Math.round((Date.parse(entry.end) - Date.parse(entry.start)) / 1000);
  return Math.round((entry.minutes ?? 0) * 60);
}

async function listOf<T extends RecordType>(
  db: Db,
  orgId: string,
  actor: string,
  input: PatientRecordsInput,
  type: T,
): Promise<Array<StoredRecord<RecordOf<T>>>> {
  const where = parseInput(patientRecordsInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    await requirePatient(trx, orgId, where);
    const records = await readRecords(trx, orgId, where, type);
    await logRead(trx, orgId, actor, where, type);
    return records;
  });
}

async function requirePatient(
  trx: Tx,
  orgId: string,
  where: { practiceId: string; patientId: string },
): Promise<void> {
  const patient = await trx
    .selectFrom('patients')
    .select('id')
    .where('org_id', '=', orgId)
    .where('practice_id', '=', where.practiceId)
    .where('id', '=', where.patientId)
    .executeTakeFirst();
  if (!patient)
    refuse(
      'not-found',
      'patientId',
      `no patient "${where.patientId}" in practice "${where.practiceId}"`,
    );
}

function logRead(
  trx: Tx,
  orgId: string,
  actor: string,
  where: { practiceId: string; patientId: string },
  type: RecordType | 'enrollment',
): Promise<void> {
  return appendActivity(trx, orgId, [
    {
      actor,
      action: 'read',
      recordType: 'patient',
      recordId: `${where.practiceId}/${where.patientId}`,
      fields: [type === 'enrollment' ? 'enrollment' : RECORD_KINDS[type].list],
    },
  ]);
}
