import { setImmediate } from 'node:timers/promises';
import { createOverlapIndexBuilder, type OverlapEntry, type OverlapIndex } from '@chronicle/rules';
import { sql } from 'kysely';
import type { PracticeScope } from './stored-record.js';

// The clinician-overlap index of a stored practice, built from its time entries read in
// (clinician, start) order through one cursor, a page at a time: only the entries' keys
// and instants are read, and the builder keeps only a window of each clinician's recent
// entries. Entries of one clinician at one instant may straddle two pages: the builder
// orders such ties itself once the next instant arrives.

const CURSOR = 'chronicle_audit_entries';

/** Pages of the cursor, each page asked for before the one in hand is indexed. */
export async function readOverlapIndex(
  scope: PracticeScope,
  pageSize: number,
): Promise<OverlapIndex> {
  const { trx, orgId, practiceId } = scope;
  // In the order of the time_entries_by_clinician index; named as the index takes them,
  // so that the rows go to it as they are, one object each.
  await sql`
    declare ${sql.id(CURSOR)} no scroll cursor for
    select patient_id as "patientId", id as "entryId", clinician_id as "clinicianId",
      start_ms as "startMs", end_ms as "endMs"
    from time_entries
    where org_id = ${orgId} and practice_id = ${practiceId}
    order by clinician_id, start_ms
  `.execute(trx);
  const fetchPage = () =>
    sql<OverlapEntry>`fetch forward ${sql.lit(pageSize)} from ${sql.id(CURSOR)}`
      .execute(trx)
      .then((r) => r.rows);
  const builder = createOverlapIndexBuilder();
  let next: Promise<OverlapEntry[]> | undefined = fetchPage();
  try {
    while (next) {
      const rows: OverlapEntry[] = await next;
      next = rows.length === pageSize ? fetchPage() : undefined;
      next?.catch(() => undefined);
      // Let the next page's query go out before this page is indexed.
      await setImmediate();
      for (const entry of rows) builder.add(entry);
    }
  } finally {
    await next?.catch(() => undefined);
  }
  await sql`close ${sql.id(CURSOR)}`.execute(trx);
  return builder.finish();
}
