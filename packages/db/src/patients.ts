import type { Patient } from '@chronicle/dataset';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { loadPatient } from './import-export.js';
import {
  MONTH_STATUS_FIELDS,
  monthSchema,
  readMonthStatuses,
  summarizeMonthStatus,
  type MonthStatusSummary,
} from './month-status.js';
import { withTenant, type Db } from './tenant.js';

// Patients as the console lists and opens them: one page at a time, sorted, filtered and
// searched in SQL, each read recorded in the activity log (which fields, never values).

export const patientListInputSchema = z.strictObject({
  practiceId: z.string().min(1),
  page: z.strictObject({
    index: z.number().int().min(0).max(1_000_000).default(0),
    size: z.number().int().min(1).max(100).default(50),
  }),
  sort: z
    .strictObject({
      field: z.enum(['name', 'mrn', 'birthDate', 'id']),
      direction: z.enum(['asc', 'desc']).default('asc'),
    })
    .default({ field: 'name', direction: 'asc' }),
  /** Words matched, case-insensitively, against the family and given names, MRN and id. */
  search: z.string().trim().max(100).optional(),
  /** Only patients whose latest enrollment status (any program) is one of these. */
  enrollment: z
    .array(
      z.enum([
        'none',
        'candidate',
        'invited',
        'enrolled',
        'declined',
        'disenrolled',
        'enrolled-elsewhere',
      ]),
    )
    .max(7)
    .optional(),
  /** With a month (YYYY-MM), each row carries the patient's month status. */
  month: monthSchema.optional(),
});
export type PatientListInput = z.input<typeof patientListInputSchema>;

export interface PatientListRow {
  id: string;
  mrn: string;
  name: { given: string; family: string };
  birthDate: string;
  deathDate: string | null;
  /** The latest enrollment status recorded for the patient, if any. */
  enrollment: string | null;
  version: number;
  /** When the list was asked for a month. */
  monthStatus?: MonthStatusSummary;
}

export interface PatientPage {
  rows: PatientListRow[];
  total: number;
}

const SORT = {
  name: [sql`lower(p.data->'name'->>'family')`, sql`lower(p.data->'name'->>'given')`],
  mrn: [sql`p.data->>'mrn'`],
  birthDate: [sql`p.data->>'birthDate'`],
  id: [],
} as const;

/** One page of a practice's patients, and how many match in all. */
export async function listPatients(
  db: Db,
  orgId: string,
  actor: string,
  input: PatientListInput,
): Promise<PatientPage> {
  const { practiceId, page, sort, search, enrollment, month } = patientListInputSchema.parse(input);
  return withTenant(db, orgId, async (trx) => {
    const latest = sql`(
      select e.status from enrollment_events e
      where e.org_id = p.org_id and e.practice_id = p.practice_id and e.patient_id = p.id
      order by e.effective_on desc, e.id desc limit 1)`;
    const words = (search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const conditions = [sql`p.org_id = ${orgId}`, sql`p.practice_id = ${practiceId}`];
    for (const word of words) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(sql`(
        lower(p.data->'name'->>'family') like ${like} or lower(p.data->'name'->>'given') like ${like}
        or lower(p.data->>'mrn') like ${like} or lower(p.id) like ${like})`);
    }
    if (enrollment && enrollment.length > 0) {
      const statuses = enrollment.filter((s) => s !== 'none');
      const parts = [];
      if (statuses.length > 0) parts.push(sql`${latest} in (${sql.join(statuses)})`);
      if (enrollment.includes('none')) parts.push(sql`${latest} is null`);
      conditions.push(sql`(${sql.join(parts, sql` or `)})`);
    }
    const where = sql.join(conditions, sql` and `);
    const direction = sort.direction === 'desc' ? sql`desc` : sql`asc`;
    const order = sql.join(
      [...SORT[sort.field], sql`p.id`].map((e) => sql`${e} ${direction}`),
      sql`, `,
    );
    const [rows, count] = await Promise.all([
      sql<{ id: string; data: unknown; version: number; enrollment: string | null }>`
        select p.id, p.data, p.version, ${latest} as enrollment
        from patients p where ${where}
        order by ${order}
        limit ${page.size} offset ${page.index * page.size}`.execute(trx),
      sql<{ n: number }>`select count(*)::int as n from patients p where ${where}`.execute(trx),
    ]);
    // The page's month statuses read together, not patient by patient.
    const statuses = month
      ? await readMonthStatuses(trx, orgId, {
          practiceId,
          patientIds: rows.rows.map((r) => r.id),
          month,
        })
      : undefined;
    const result = rows.rows.map((r): PatientListRow => {
      const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Patient;
      const status = month ? statuses?.get(r.id) : undefined;
      return {
        id: r.id,
        mrn: data.mrn,
        name: data.name,
        birthDate: data.birthDate,
        deathDate: data.deathDate ?? null,
        enrollment: r.enrollment,
        version: r.version,
        ...(month && status ? { monthStatus: summarizeMonthStatus(month, status) } : {}),
      };
    });
    if (result.length > 0)
      await appendActivity(
        trx,
        orgId,
        result.map((p) => ({
          actor,
          action: 'read' as const,
          recordType: 'patient',
          recordId: `${practiceId}/${p.id}`,
          fields: [
            'name',
            'mrn',
            'birthDate',
            'deathDate',
            'enrollment',
            ...(month ? MONTH_STATUS_FIELDS : []),
          ],
        })),
      );
    return { rows: result, total: count.rows[0]?.n ?? 0 };
  });
}

/** One patient with every list, as the dataset gives them; the read goes to the log. */
export async function getPatient(
  db: Db,
  orgId: string,
  actor: string,
  input: { practiceId: string; patientId: string },
): Promise<{ patient: Patient; version: number } | undefined> {
  const { practiceId, patientId } = input;
  return withTenant(db, orgId, async (trx) => {
    const patient = await loadPatient(trx, orgId, practiceId, patientId);
    if (!patient) return undefined;
    const row = await trx
      .selectFrom('patients')
      .select('version')
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where('id', '=', patientId)
      .executeTakeFirstOrThrow();
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'read',
        recordType: 'patient',
        recordId: `${practiceId}/${patientId}`,
        fields: ['*'],
      },
    ]);
    return { patient, version: row.version };
  });
}

/** The organization's practices, for choosing one. */
export async function listPracticeSummaries(
  db: Db,
  orgId: string,
): Promise<Array<{ id: string; name: string; timezone: string; patients: number }>> {
  return withTenant(db, orgId, async (trx) => {
    const rows = await sql<{ id: string; name: string; timezone: string; patients: number }>`
      select pr.id, pr.name, pr.timezone,
        (select count(*)::int from patients p where p.org_id = pr.org_id and p.practice_id = pr.id) as patients
      from practices pr where pr.org_id = ${orgId} order by pr.name, pr.id`.execute(trx);
    return rows.rows;
  });
}
