import type { Patient } from '@chronicle/dataset';
import { practiceDateAt, type PatientProposal } from '@chronicle/rules';
import { sql } from 'kysely';
import { appendActivity } from './activity-log.js';
import { loadPractice } from './import-export.js';
import { MONTH_STATUS_FIELDS, readPatientMonths } from './month-status.js';
import type { EnrollmentStatus } from './tables/history.table.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// One patient at a glance, as a system outside Chronicle asks for it (the CDS Hooks
// service): found by Chronicle's patient id or by MRN, with the patient's record, the
// latest enrollment status in each program, and this month's status, read in one
// transaction and logged as one read.

export interface PatientOverview {
  patient: Patient;
  /** The practice-local date of `at` (YYYY-MM-DD). */
  today: string;
  /** The practice-local month the status is for (YYYY-MM). */
  month: string;
  /** The latest enrollment change in each program that has one. */
  enrollment: Array<{ program: string; status: EnrollmentStatus; effectiveOn: string }>;
  status: PatientProposal;
}

export type PatientOverviewResult =
  | { found: 'one'; overview: PatientOverview }
  | { found: 'none' }
  /** Several patients of the practice carry the MRN: none is chosen. */
  | { found: 'several' };

export interface PatientOverviewInput {
  practiceId: string;
  /** How `value` names the patient: Chronicle's patient id, or the MRN. */
  by: 'id' | 'mrn';
  value: string;
  /** "Today" and "this month" are the practice-local date and month of this instant. */
  at: Date;
}

const FIELDS = ['mrn', 'conditions', 'enrollment', ...MONTH_STATUS_FIELDS];

export async function patientOverview(
  db: Db,
  orgId: string,
  actor: string,
  input: PatientOverviewInput,
): Promise<PatientOverviewResult> {
  const { practiceId } = input;
  return withTenant(db, orgId, async (trx) => {
    const ids = await findPatientIds(trx, orgId, input);
    if (ids.length === 0) return { found: 'none' };
    if (ids.length > 1) return { found: 'several' };
    const patientId = ids[0] as string;
    const stored = await loadPractice(trx, orgId, practiceId);
    if (!stored) return { found: 'none' };
    const today = practiceDateAt(stored.practice.timezone, input.at.getTime());
    const month = today.slice(0, 7);
    const [read] = await readPatientMonths(trx, orgId, stored, { patientIds: [patientId], month });
    if (!read) return { found: 'none' };
    const { patient, status } = read;
    const enrollment = await latestEnrollment(trx, orgId, practiceId, patientId);
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'read',
        recordType: 'patient',
        recordId: `${practiceId}/${patientId}`,
        fields: FIELDS,
      },
    ]);
    return { found: 'one', overview: { patient, today, month, enrollment, status } };
  });
}

async function findPatientIds(
  trx: Tx,
  orgId: string,
  { practiceId, by, value }: PatientOverviewInput,
): Promise<string[]> {
  const match = by === 'id' ? sql`p.id = ${value}` : sql`p.data->>'mrn' = ${value}`;
  const rows = await sql<{ id: string }>`
    select p.id from patients p
    where p.org_id = ${orgId} and p.practice_id = ${practiceId} and ${match}
    limit 2`.execute(trx);
  return rows.rows.map((r) => r.id);
}

async function latestEnrollment(
  trx: Tx,
  orgId: string,
  practiceId: string,
  patientId: string,
): Promise<PatientOverview['enrollment']> {
  const rows = await trx
    .selectFrom('enrollment_events')
    .select(['program', 'status', 'effective_on'])
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId)
    .where('patient_id', '=', patientId)
    .orderBy('program')
    .orderBy('id')
    .execute();
  const latest = new Map<string, PatientOverview['enrollment'][number]>();
  for (const r of rows)
    latest.set(r.program, { program: r.program, status: r.status, effectiveOn: r.effective_on });
  return [...latest.values()];
}
