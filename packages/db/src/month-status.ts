import type { Clinician, Patient, Practice } from '@chronicle/dataset';
import {
  createOverlapIndexBuilder,
  monthEntryWindow,
  OVERLAP_LOOKBACK_MS,
  proposePatientMonth,
  type OverlapEntry,
  type OverlapIndex,
  type PatientProposal,
  type Policy,
} from '@chronicle/rules';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { loadPractice } from './import-export.js';
import { readSomePatients } from './stored-patients.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// A patient's month as care managers follow it: countable minutes, what is billable now,
// minutes to the next level, and what blocks or warns, from the rules core's proposal.
// Only the time entries the month can depend on are read for the clinician-overlap index:
// those of the patients' clinicians starting in the month's window (monthEntryWindow), by
// the time_entries_by_clinician index, not the practice's whole history.

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

const ref = z.string().min(1, 'is required').max(200);

export const monthStatusInputSchema = z.strictObject({
  practiceId: ref,
  patientId: ref,
  month: monthSchema,
});
export type MonthStatusInput = z.input<typeof monthStatusInputSchema>;

/** The fields a month status reads, as the activity log names them. */
export const MONTH_STATUS_FIELDS = [
  'conditions',
  'encounters',
  'consents',
  'carePlans',
  'timeEntries',
  'claims',
];

/** What a row of the patient list shows of the month. */
export interface MonthStatusSummary {
  month: string;
  countableMinutes: PatientProposal['countableMinutes'];
  /** The lines billable now (none while anything blocks). */
  billable: PatientProposal['lines'];
  /** The next level and the minutes still needed to reach it; null at the top. */
  next: { code: string; minutesNeeded: number } | null;
  /** The rule IDs of what blocks billing. */
  blockers: string[];
}

export function summarizeMonthStatus(month: string, status: PatientProposal): MonthStatusSummary {
  return {
    month,
    countableMinutes: status.countableMinutes,
    billable: status.lines,
    next: status.next ?? null,
    blockers: status.blockers.map((b) => b.ruleId),
  };
}

/** One patient's month status; undefined when the practice has no such patient. */
export async function monthStatus(
  db: Db,
  orgId: string,
  actor: string,
  input: MonthStatusInput,
  options: { policy?: Policy } = {},
): Promise<PatientProposal | undefined> {
  const { practiceId, patientId, month } = monthStatusInputSchema.parse(input);
  const statuses = await monthStatuses(
    db,
    orgId,
    actor,
    { practiceId, patientIds: [patientId], month },
    options,
  );
  return statuses.get(patientId);
}

/** The month statuses of several patients (a page of the list), by patient id. */
export async function monthStatuses(
  db: Db,
  orgId: string,
  actor: string,
  input: { practiceId: string; patientIds: readonly string[]; month: string },
  options: { policy?: Policy } = {},
): Promise<Map<string, PatientProposal>> {
  const month = monthSchema.parse(input.month);
  return withTenant(db, orgId, async (trx) => {
    const statuses = await readMonthStatuses(trx, orgId, { ...input, month }, options);
    await logMonthStatusReads(trx, orgId, actor, input.practiceId, [...statuses.keys()]);
    return statuses;
  });
}

/** Records that these patients' month statuses were read (which records, never values). */
async function logMonthStatusReads(
  trx: Tx,
  orgId: string,
  actor: string,
  practiceId: string,
  patientIds: readonly string[],
): Promise<void> {
  await appendActivity(
    trx,
    orgId,
    patientIds.map((id) => ({
      actor,
      action: 'read' as const,
      recordType: 'patient',
      recordId: `${practiceId}/${id}`,
      fields: MONTH_STATUS_FIELDS,
    })),
  );
}

/**
 * Month statuses inside the caller's transaction, the patients read together, nothing
 * logged: the caller logs the read with what else it read. Patients
 * that are not stored are left out.
 */
export async function readMonthStatuses(
  trx: Tx,
  orgId: string,
  input: { practiceId: string; patientIds: readonly string[]; month: string },
  options: { policy?: Policy } = {},
): Promise<Map<string, PatientProposal>> {
  const statuses = new Map<string, PatientProposal>();
  if (input.patientIds.length === 0) return statuses;
  const stored = await loadPractice(trx, orgId, input.practiceId);
  if (!stored) return statuses;
  for (const { patient, status } of await readPatientMonths(trx, orgId, stored, input, options))
    statuses.set(patient.id, status);
  return statuses;
}

/** The patients (those stored) with their month statuses, for a practice already loaded. */
export async function readPatientMonths(
  trx: Tx,
  orgId: string,
  stored: StoredPractice,
  input: { patientIds: readonly string[]; month: string },
  options: { policy?: Policy } = {},
): Promise<Array<{ patient: Patient; status: PatientProposal }>> {
  const { month } = input;
  const patientIds = [...new Set(input.patientIds)];
  if (patientIds.length === 0) return [];
  const patients = await readSomePatients(
    { trx, orgId, practiceId: stored.practice.id },
    patientIds,
  );
  const overlaps = await readMonthOverlaps(trx, orgId, stored.practice, patientIds, month);
  return patients.map((patient) => ({
    patient,
    status: proposePatientMonth({
      practice: stored.practice,
      clinicians: stored.clinicians,
      overlaps,
      patient,
      month,
      ...(options.policy ? { policy: options.policy } : {}),
    }),
  }));
}

interface StoredPractice {
  practice: Practice;
  clinicians: Clinician[];
}

/**
 * The overlap index of the entries that the patients' month can depend on. A mark goes on
 * the later of two entries of one clinician that overlap, and says how much of it an
 * earlier entry still open at its start already holds: so the marks of these patients'
 * entries need only those entries and, for each, the entries of its clinician (of any
 * patient) that started before it, at most a day before (OVERLAP_LOOKBACK_MS, as the
 * overlap walk assumes), and were still open when it started. Both sides start in the
 * month's window (monthEntryWindow), and are found through the clinician index.
 *
 * (Reading every entry of these patients' clinicians in the window instead gave the same
 * marks, but a page of 50 patients covers most of a practice's clinicians: about 40,000
 * entries a page for a practice of 10,000 patients, and most of the list's time.)
 */
async function readMonthOverlaps(
  trx: Tx,
  orgId: string,
  practice: Practice,
  patientIds: readonly string[],
  month: string,
): Promise<OverlapIndex> {
  const { fromMs, toMs } = monthEntryWindow(practice.timezone, month);
  const rows = await sql<OverlapEntry>`
    with mine as materialized (
      select u.patient_id, u.id, u.clinician_id, u.start_ms, u.end_ms
      from time_entries u
      where u.org_id = ${orgId} and u.practice_id = ${practice.id}
        and u.patient_id in (${sql.join(patientIds)})
        and u.start_ms >= ${fromMs} and u.start_ms < ${toMs}
    )
    select e.patient_id as "patientId", e.id as "entryId", e.clinician_id as "clinicianId",
      e.start_ms as "startMs", e.end_ms as "endMs"
    from (
      select patient_id, id, clinician_id, start_ms, end_ms from mine
      union
      select t.patient_id, t.id, t.clinician_id, t.start_ms, t.end_ms
      from mine u
      join time_entries t
        on t.org_id = ${orgId} and t.practice_id = ${practice.id}
        and t.clinician_id = u.clinician_id
        and t.start_ms >= greatest(${fromMs}::float8, u.start_ms - ${OVERLAP_LOOKBACK_MS}::float8)
        and t.start_ms <= u.start_ms
        and t.end_ms > u.start_ms
    ) e
    order by e.clinician_id, e.start_ms
  `.execute(trx);
  const builder = createOverlapIndexBuilder();
  for (const entry of rows.rows) builder.add(entry);
  return builder.finish();
}
