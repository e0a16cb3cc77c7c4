import {
  clinicianSchema,
  practiceSchema,
  type Clinician,
  type Patient,
  type Practice,
} from '@chronicle/dataset';
import type { OverlapIndex } from '@chronicle/rules';
import { sql } from 'kysely';
import { appendActivity } from './activity-log.js';
import { readOverlapIndex } from './stored-overlaps.js';
import { readPatients } from './stored-patients.js';
import { recordOf, type PracticeScope } from './stored-record.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// A stored practice read for an audit without holding it whole: first the clinician-overlap
// index (stored-overlaps.ts), then the patients one at a time (stored-patients.ts). What
// stays in memory is a page of patients and the next one read ahead, the index's marks
// for the rare overlapping entries, and, while the index is built, a window of each
// clinician's recent entries.

export interface AuditSourceOptions {
  orgId: string;
  practiceId: string;
  /** Who reads, for the activity log. */
  actor: string;
  /** Patients per page (default 500). */
  pageSize?: number;
  /** Time entries per page while the overlap index is built (default 20 pages of patients). */
  entryPageSize?: number;
}

export interface PracticeForAudit {
  practice: Practice;
  clinicians: Clinician[];
  overlaps: OverlapIndex;
  /** How many patients `patients` will give (for a progress display). */
  patientCount: number;
  /** The patients in their stored (dataset) order; iterate once, inside the callback. */
  patients: AsyncIterable<Patient>;
}

/**
 * Streams a stored practice to `consume`, inside one snapshot of the organization's data.
 * The read is logged first, in its own transaction, so that the log keeps it even when
 * the audit stops half-way.
 */
export async function streamPracticeForAudit<T>(
  db: Db,
  options: AuditSourceOptions,
  consume: (source: PracticeForAudit) => Promise<T>,
): Promise<T> {
  const { orgId, practiceId, actor } = options;
  const pageSize = options.pageSize ?? 500;
  const entryPageSize = options.entryPageSize ?? pageSize * 20;
  for (const [name, n] of [
    ['pageSize', pageSize],
    ['entryPageSize', entryPageSize],
  ] as const)
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: a whole number above 0`);
  await withTenant(db, orgId, async (trx) => {
    await practiceData(trx, orgId, practiceId);
    await appendActivity(trx, orgId, [
      { actor, action: 'read', recordType: 'practice', recordId: practiceId, fields: ['patients'] },
    ]);
  });
  // Repeatable read: every page sees the snapshot of the first query, so that an import
  // committed half-way through cannot mix with what was read before it.
  return withTenant(
    db,
    orgId,
    async (trx) => {
      const scope: PracticeScope = { trx, orgId, practiceId };
      // PostgreSQL would compile the patients' query (cheap per row, a subquery per list)
      // with JIT, costed by its many rows: about a second before the first row, paid back
      // by nothing. (PGlite has no JIT; the setting is accepted all the same.)
      await sql`set local jit = off`.execute(trx);
      const practice = practiceSchema.parse(await practiceData(trx, orgId, practiceId));
      const clinicians = (
        await trx
          .selectFrom('clinicians')
          .select('data')
          .where('org_id', '=', orgId)
          .where('practice_id', '=', practiceId)
          .orderBy('ord')
          .execute()
      ).map((r) => clinicianSchema.parse(recordOf(r)));
      const overlaps = await readOverlapIndex(scope, entryPageSize);
      const { count } = await trx
        .selectFrom('patients')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('org_id', '=', orgId)
        .where('practice_id', '=', practiceId)
        .executeTakeFirstOrThrow();
      return consume({
        practice,
        clinicians,
        overlaps,
        patientCount: Number(count),
        patients: readPatients(scope, pageSize),
      });
    },
    { isolation: 'repeatable read' },
  );
}

async function practiceData(trx: Tx, orgId: string, practiceId: string) {
  const row = await trx
    .selectFrom('practices')
    .select('data')
    .where('org_id', '=', orgId)
    .where('id', '=', practiceId)
    .executeTakeFirst();
  if (!row) throw new Error(`practice: no practice "${practiceId}" in organization "${orgId}"`);
  return recordOf(row);
}
