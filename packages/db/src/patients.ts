import type { Patient } from '@chronicle/dataset';
import {
  classifyCondition,
  firstDay,
  lastDay,
  type CodeSystem,
  type PatientProposal,
} from '@chronicle/rules';
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
import { withTenant, type Db, type Tx } from './tenant.js';

// Patients as the console lists and opens them: one page at a time, sorted, filtered and
// searched in SQL, each read recorded in the activity log (which fields, never values).

export const patientListInputSchema = z
  .strictObject({
    practiceId: z.string().min(1).max(200),
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
    /** Only patients with two or more chronic conditions active in `month` (needs a month). */
    eligible: z.boolean().optional(),
    /**
     * Only patients this many minutes or fewer from the month's next billable level, nearest
     * first (needs a month). The rules core decides the level, so these are filtered after
     * their statuses are computed, not in SQL.
     */
    nearNextLevel: z.strictObject({ withinMinutes: z.number().int().min(1).max(60) }).optional(),
  })
  .refine((i) => i.month !== undefined || (i.eligible === undefined && !i.nearNextLevel), {
    message: 'eligibility and the next level are of a month: give `month` too',
    path: ['month'],
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
  /** When the list was asked for a month: */
  monthStatus?: MonthStatusSummary;
  /** Conditions active in the month that are chronic (CCM needs two or more). */
  chronicConditions?: number;
  /** The latest consent to any program by the month's end, and whether it still holds. */
  consent?: 'none' | 'accepted' | 'declined' | 'revoked';
  /** The care plan by the month's end: none, established (not shared), or shared. */
  carePlan?: 'none' | 'established' | 'shared';
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
  const parsed = patientListInputSchema.parse(input);
  const { practiceId, page, sort, search, enrollment, month, eligible, nearNextLevel } = parsed;
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
    const states = month ? await monthStateColumns(trx, orgId, practiceId, month) : undefined;
    if (states && eligible !== undefined)
      conditions.push(eligible ? sql`${states.chronic} >= 2` : sql`${states.chronic} < 2`);
    const where = sql.join(conditions, sql` and `);
    const direction = sort.direction === 'desc' ? sql`desc` : sql`asc`;
    const order = sql.join(
      [...SORT[sort.field], sql`p.id`].map((e) => sql`${e} ${direction}`),
      sql`, `,
    );
    const columns = sql`p.id, p.data, p.version, ${latest} as enrollment${
      states
        ? sql`, ${states.chronic} as chronic, ${states.consent} as consent, ${states.carePlan} as care_plan`
        : sql``
    }`;
    type Listed = {
      id: string;
      data: unknown;
      version: number;
      enrollment: string | null;
      chronic?: number;
      consent?: PatientListRow['consent'];
      care_plan?: PatientListRow['carePlan'];
    };
    let rows: Listed[];
    let total: number;
    let statuses: Map<string, PatientProposal> | undefined;
    if (month && nearNextLevel) {
      // Every match's status is needed before one page can be cut: nearest first.
      const all = await sql<Listed>`select ${columns} from patients p where ${where}
        order by ${order}`.execute(trx);
      statuses = new Map();
      for (let i = 0; i < all.rows.length; i += STATUS_BATCH) {
        const ids = all.rows.slice(i, i + STATUS_BATCH).map((r) => r.id);
        for (const [id, status] of await readMonthStatuses(trx, orgId, {
          practiceId,
          patientIds: ids,
          month,
        }))
          statuses.set(id, status);
      }
      const near = all.rows
        .map((row) => ({ row, summary: summaryOf(month, statuses?.get(row.id)) }))
        .filter(({ summary }) => {
          const needed = summary?.next?.minutesNeeded;
          return needed !== undefined && needed > 0 && needed <= nearNextLevel.withinMinutes;
        });
      // A stable sort keeps the asked-for order among patients equally near.
      near.sort(
        (x, y) => (x.summary?.next?.minutesNeeded ?? 0) - (y.summary?.next?.minutesNeeded ?? 0),
      );
      total = near.length;
      rows = near.slice(page.index * page.size, (page.index + 1) * page.size).map((n) => n.row);
    } else {
      const [found, count] = await Promise.all([
        sql<Listed>`select ${columns} from patients p where ${where}
          order by ${order}
          limit ${page.size} offset ${page.index * page.size}`.execute(trx),
        sql<{ n: number }>`select count(*)::int as n from patients p where ${where}`.execute(trx),
      ]);
      rows = found.rows;
      total = count.rows[0]?.n ?? 0;
      // The page's month statuses read together, not patient by patient.
      statuses = month
        ? await readMonthStatuses(trx, orgId, {
            practiceId,
            patientIds: rows.map((r) => r.id),
            month,
          })
        : undefined;
    }
    const result = rows.map((r): PatientListRow => {
      const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Patient;
      const summary = month ? summaryOf(month, statuses?.get(r.id)) : undefined;
      return {
        id: r.id,
        mrn: data.mrn,
        name: data.name,
        birthDate: data.birthDate,
        deathDate: data.deathDate ?? null,
        enrollment: r.enrollment,
        version: r.version,
        ...(summary ? { monthStatus: summary } : {}),
        ...(month
          ? {
              chronicConditions: r.chronic ?? 0,
              consent: r.consent ?? 'none',
              carePlan: r.care_plan ?? 'none',
            }
          : {}),
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
    return { rows: result, total };
  });
}

/** Patients whose statuses are computed together when a filter needs every match's. */
const STATUS_BATCH = 500;

function summaryOf(month: string, status: PatientProposal | undefined) {
  return status ? summarizeMonthStatus(month, status) : undefined;
}

/**
 * SQL for a patient's state in a month, for the list's columns and filters: how many of
 * their conditions active in the month are chronic, their consent, and their care plan.
 * Chronic is the rules core's decision (code lists held in code, not in the database): the
 * practice's distinct condition codes are classified here and the chronic ones passed in.
 */
async function monthStateColumns(trx: Tx, orgId: string, practiceId: string, month: string) {
  const codes = await sql<{ system: string; code: string }>`
    select distinct c.data->>'system' as system, c.data->>'code' as code from conditions c
    where c.org_id = ${orgId} and c.practice_id = ${practiceId}`.execute(trx);
  const chronicKeys = codes.rows
    .filter((c) => classifyCondition({ system: c.system as CodeSystem, code: c.code }).chronic)
    .map((c) => `${c.system}|${c.code}`);
  const first = firstDay(month);
  const last = lastDay(month);
  const ofPatient = (alias: string) =>
    sql.raw(
      `${alias}.org_id = p.org_id and ${alias}.practice_id = p.practice_id and ${alias}.patient_id = p.id`,
    );
  const chronic = sql`(select count(*)::int from conditions c where ${ofPatient('c')}
    and coalesce(c.data->>'onset', '') <= ${last}
    and coalesce(c.data->>'abatement', '9999') >= ${first}
    and case when c.data ? 'chronic' then (c.data->>'chronic')::boolean
      else (c.data->>'system') || '|' || (c.data->>'code') = any(${chronicKeys}::text[]) end)`;
  const consent = sql`coalesce((select case
      when k.data->>'revokedOn' is not null and k.data->>'revokedOn' <= ${last} then 'revoked'
      else k.data->>'decision' end
    from consents k where ${ofPatient('k')} and k.data->>'date' <= ${last}
    order by k.data->>'date' desc, k.id desc limit 1), 'none')`;
  const carePlan = sql`coalesce((select case
      when bool_or(e.data ? 'sharedWithPatient' and e.data->'sharedWithPatient'->>'date' <= ${last})
      then 'shared' else 'established' end
    from care_plan_events e where ${ofPatient('e')} and e.data->>'date' <= ${last}
    having count(*) > 0), 'none')`;
  return { chronic, consent, carePlan };
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
    const patient = await readWholePatient(trx, orgId, actor, input);
    if (!patient) return undefined;
    const row = await trx
      .selectFrom('patients')
      .select('version')
      .where('org_id', '=', orgId)
      .where('practice_id', '=', practiceId)
      .where('id', '=', patientId)
      .executeTakeFirstOrThrow();
    return { patient, version: row.version };
  });
}

/**
 * A patient's whole record read for `actor` inside the caller's transaction, with its entry
 * in the activity log (every field read); undefined, and nothing logged, when there is none.
 */
export async function readWholePatient(
  trx: Tx,
  orgId: string,
  actor: string,
  { practiceId, patientId }: { practiceId: string; patientId: string },
): Promise<Patient | undefined> {
  const patient = await loadPatient(trx, orgId, practiceId, patientId);
  if (!patient) return undefined;
  await appendActivity(trx, orgId, [
    {
      actor,
      action: 'read',
      recordType: 'patient',
      recordId: `${practiceId}/${patientId}`,
      fields: ['*'],
    },
  ]);
  return patient;
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
